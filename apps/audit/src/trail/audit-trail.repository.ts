import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { AuditEntryView, AuditQuery, Page, pageOf } from '@grappes/contracts';
import { isDuplicateKey } from '@grappes/messaging';
import { Model } from 'mongoose';
import { AuditEntryRecord } from './audit-entry';
import { AuditEntry } from './audit-entry.schema';

/** The trail's entries: appended once each, searched by staff. Nothing here changes what an entry says. */
@Injectable()
export class AuditTrailRepository {
  constructor(@InjectModel(AuditEntry.name) private readonly entries: Model<AuditEntry>) {}

  /**
   * Appends an entry unless it is there already (a redelivery). A request and
   * the events it caused directly may arrive in either order: each, once
   * written, looks for the other, so the events get the request's actor
   * whichever came first.
   */
  async append(entry: AuditEntryRecord): Promise<void> {
    try {
      await this.entries.create(entry);
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    if (entry.kind === 'request' && entry.actor) {
      await this.entries.updateMany({ kind: 'event', causationId: entry._id, actor: { $exists: false } }, { $set: { actor: entry.actor } });
    } else if (entry.kind === 'event' && entry.causationId) {
      const cause = await this.entries.findOne({ _id: entry.causationId, kind: 'request' }, { actor: 1 }).lean<Pick<AuditEntry, 'actor'>>();
      if (cause?.actor) await this.entries.updateOne({ _id: entry._id, actor: { $exists: false } }, { $set: { actor: cause.actor } });
    }
  }

  /** Newest first; every filter given must hold. */
  async search(query: AuditQuery): Promise<Page<AuditEntryView>> {
    const filter = filterOf(query);
    const { page, limit, skip } = pageOf(query);
    const [items, total] = await Promise.all([
      this.entries.find(filter).sort({ at: -1, _id: 1 }).skip(skip).limit(limit).lean<AuditEntry[]>(),
      this.entries.countDocuments(filter),
    ]);
    return { items: items.map(viewOf), total, page, limit };
  }
}

function filterOf({ actor, target, from, to, correlationId }: AuditQuery): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  // An e-mail address names a person as well as their id does.
  if (actor?.includes('@')) filter['actor.email'] = actor.toLowerCase();
  else if (actor) filter['actor.personId'] = actor;
  if (target) filter.targets = target;
  if (correlationId) filter.correlationId = correlationId;
  if (from || to) filter.at = { ...(from ? { $gte: new Date(from) } : {}), ...(to ? { $lt: new Date(to) } : {}) };
  return filter;
}

function viewOf(entry: AuditEntry): AuditEntryView {
  return {
    id: entry._id,
    kind: entry.kind,
    at: entry.at.toISOString(),
    action: entry.action,
    targets: entry.targets,
    ...(entry.actor ? { actor: entry.actor } : {}),
    correlationId: entry.correlationId,
    ...(entry.causationId ? { causationId: entry.causationId } : {}),
    outcome: entry.outcome ?? {},
  };
}
