import { DomainError, ERRORS, IDEAS_EVENTS, IdeaStatus, PostIdeaBody, Principal } from '@grappes/contracts';
import { createEvent } from '@grappes/messaging';
import { randomUUID } from 'node:crypto';
import type { Change } from '../aggregates/versioned-update';
import type { Idea, IdeaDocument } from './idea.schema';

type Versioned = Pick<IdeaDocument, '_id' | 'clusterId' | 'clusterName' | 'title' | 'authorId' | 'authorEmail' | 'version'>;

export interface CompanyRef {
  companyId: string;
  companyName: string;
}

/** A new open idea with its `idea-posted` event, ready to insert. */
export function post(
  cluster: { _id: string; name: string; coordinatorCompanyId?: string }, author: Principal, body: PostIdeaBody, now: Date, id: string = randomUUID(),
): Omit<IdeaDocument, 'createdAt'> {
  const idea = {
    _id: id, clusterId: cluster._id, clusterName: cluster.name, ...body, status: 'open' as const,
    authorId: author.id, authorEmail: author.email, ...(author.companyId ? { authorCompanyId: author.companyId } : {}),
    interests: [], comments: [], lastActivityAt: now, version: 1,
  };
  const event = createEvent(IDEAS_EVENTS.ideaPosted, aggregateOf(idea), {
    ...factOf(idea), kind: idea.kind, neededCapabilities: idea.neededCapabilities,
    ...(author.companyId ? { authorCompanyId: author.companyId } : {}),
    // The coordinator of this moment is told, whatever the notifications service knows of the cluster yet.
    ...(cluster.coordinatorCompanyId ? { coordinatorCompanyId: cluster.coordinatorCompanyId } : {}),
    postedAt: now.toISOString(),
  });
  return { ...idea, pendingEvents: [event] };
}

/** Comments, interest, closing and launching all need an idea still open. */
export function assertOpen(idea: Pick<Idea, 'status' | 'title'>): void {
  if (idea.status !== 'open') throw new DomainError(ERRORS.IDEA_NOT_OPEN, `The idea ${idea.title} is ${idea.status}`);
}

export function comment(idea: IdeaDocument, author: Principal, text: string, now: Date): Change {
  assertOpen(idea);
  const entry = {
    id: randomUUID(), authorId: author.id, authorEmail: author.email,
    ...(author.companyId ? { companyId: author.companyId } : {}), text, postedAt: now,
  };
  return { push: { comments: entry }, set: { lastActivityAt: now }, events: [] };
}

/** One interest per company. */
export function expressInterest(idea: IdeaDocument, company: CompanyRef, now: Date): Change {
  assertOpen(idea);
  if (idea.interests.some((i) => i.companyId === company.companyId)) {
    throw new DomainError(ERRORS.IDEA_ALREADY_INTERESTED, `${company.companyName} has expressed its interest already`);
  }
  const event = createEvent(IDEAS_EVENTS.interestExpressed, aggregateOf({ ...idea, version: idea.version + 1 }), {
    ...factOf({ ...idea, version: idea.version + 1 }), ...company, expressedAt: now.toISOString(),
  });
  return { push: { interests: { ...company, expressedAt: now } }, set: { lastActivityAt: now }, events: [event] };
}

export function withdrawInterest(idea: IdeaDocument, companyId: string, now: Date): Change {
  assertOpen(idea);
  if (!idea.interests.some((i) => i.companyId === companyId)) {
    throw new DomainError(ERRORS.IDEA_NO_INTEREST, 'Your company has expressed no interest in this idea');
  }
  return { pull: { interests: { companyId } }, set: { lastActivityAt: now }, events: [] };
}

/** A company that left the cluster loses its interest in the ideas still open; nothing to do otherwise. */
export function interestLost(idea: IdeaDocument, companyId: string): Change | undefined {
  if (idea.status !== 'open' || !idea.interests.some((i) => i.companyId === companyId)) return undefined;
  return { pull: { interests: { companyId } }, events: [] };
}

export const close = (idea: IdeaDocument, now: Date): Change => ended(idea, 'closed', now);

/** Launched as the project `projectId`, whose partners are the interested companies. */
export const launchAsProject = (idea: IdeaDocument, projectId: string, now: Date): Change => ended(idea, 'launched', now, projectId);

function ended(idea: IdeaDocument, status: IdeaStatus, now: Date, projectId?: string): Change {
  assertOpen(idea);
  const next = { ...idea, version: idea.version + 1 };
  const event = createEvent(IDEAS_EVENTS.ideaClosed, aggregateOf(next), {
    ...factOf(next), status, ...(projectId ? { projectId } : {}), closedAt: now.toISOString(),
  });
  return { set: { status, lastActivityAt: now, ...(projectId ? { projectId } : {}) }, events: [event] };
}

const aggregateOf = (idea: Versioned) => ({ subject: `clusters/${idea.clusterId}/ideas/${idea._id}`, version: idea.version });

const factOf = (idea: Versioned) => ({
  ideaId: idea._id, clusterId: idea.clusterId, clusterName: idea.clusterName, title: idea.title,
  authorId: idea.authorId, authorEmail: idea.authorEmail, version: idea.version,
});
