import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Principal } from '@grappes/contracts';
import { streamNameIn } from '@grappes/messaging';
import { NATS_CONNECTION } from '@grappes/platform';
import { KV, KvEntry, NatsConnection, QueuedIterator } from 'nats';
import { GatewayConfig } from '../gateway.config';
import { compareAndSet } from '../kv/compare-and-set';

/**
 * Entries need to outlive only the access tokens they refuse: a token is never
 * valid longer than JWT_TTL_SECONDS, which the configuration caps at a day.
 */
const BUCKET = { name: 'grappes_revoked_access', ttlMs: 24 * 60 * 60_000 };

/** A company's access, by the version of the company that decided it. */
interface CompanyAccess {
  revoked: boolean;
  version: number;
}

const NEVER_DECIDED: CompanyAccess = { revoked: false, version: 0 };
const KEY_PART = /^[\w-]{1,64}$/;

/**
 * Who has lost access before their token expires: removed people, and the
 * people of suspended or departed companies. Written once per event into a
 * NATS key-value bucket; every gateway instance watches the bucket and checks
 * each request against its copy, so a revocation reaches all of them within
 * moments, and a restarted gateway reads it all back before it serves.
 */
@Injectable()
export class RevokedAccess implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(RevokedAccess.name);
  private kv!: KV;
  private watcher?: QueuedIterator<KvEntry>;
  private readonly people = new Set<string>();
  private readonly companies = new Set<string>();

  constructor(
    @Inject(GatewayConfig) private readonly config: GatewayConfig,
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
  ) {}

  async onModuleInit(): Promise<void> {
    this.kv = await this.nats.jetstream().views.kv(streamNameIn(BUCKET.name, this.config.NATS_NAMESPACE), { ttl: BUCKET.ttlMs, history: 1 });
    let loaded!: () => void;
    const initialised = new Promise<void>((resolve) => (loaded = resolve));
    this.watcher = await this.kv.watch({ initializedFn: () => loaded() });
    void this.follow(this.watcher);
    await initialised;
  }

  onApplicationShutdown(): void {
    this.watcher?.stop();
  }

  denies(principal: Principal): boolean {
    return this.people.has(principal.id) || (principal.companyId !== undefined && this.companies.has(principal.companyId));
  }

  async revokePerson(personId: string): Promise<void> {
    if (KEY_PART.test(personId)) await this.kv.put(`person.${personId}`, JSON.stringify({ revoked: true }));
  }

  /** Applied only when newer than what decided the company's access so far: events may come again or late. */
  async decideCompany(companyId: string, access: CompanyAccess): Promise<void> {
    if (!KEY_PART.test(companyId)) return;
    await compareAndSet(this.kv, `company.${companyId}`, NEVER_DECIDED, (current) => ({
      value: access.version > current.version ? access : current,
    }));
  }

  private async follow(watcher: QueuedIterator<KvEntry>): Promise<void> {
    try {
      for await (const entry of watcher) this.apply(entry);
    } catch (error) {
      this.logger.error(`Stopped following revoked access: ${(error as Error).message}`);
    }
  }

  private apply(entry: KvEntry): void {
    const [kind, id] = entry.key.split('.');
    const set = kind === 'person' ? this.people : kind === 'company' ? this.companies : undefined;
    const revoked = entry.operation === 'PUT' && entry.json<{ revoked: boolean }>().revoked;
    if (revoked) set?.add(id);
    else set?.delete(id);
  }
}
