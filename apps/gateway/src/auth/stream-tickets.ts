import { SetMetadata } from '@nestjs/common';
import { DomainError, ERRORS, Principal, ROLES } from '@grappes/contracts';
import { KeyObject, createHmac, createSecretKey, timingSafeEqual } from 'node:crypto';

export const ACCEPTS_STREAM_TICKET = 'grappes:accepts-stream-ticket';

/** The live stream, which EventSource opens without headers: a `?ticket=` stands for the bearer token there, and only there. */
export const AcceptsStreamTicket = () => SetMetadata(ACCEPTS_STREAM_TICKET, true);

interface TicketClaims {
  sub: string;
  email: string;
  companyId?: string;
  roles: Principal['roles'];
  /** Unix seconds. */
  exp: number;
}

/** Keeps tickets and access tokens apart: a ticket is signed with a key of its own, derived from the secret. */
const PURPOSE = 'grappes notifications stream ticket v1';

/**
 * Short-lived tickets for the notifications stream: the principal and an
 * expiry, signed (HMAC-SHA256) with a key derived from JWT_SECRET, so that any
 * gateway instance with the same secret accepts them and none needs to
 * remember them. A ticket is no access token: its key verifies nothing else,
 * and the access-token key does not verify it. Tickets signed with the key of
 * JWT_PREVIOUS_SECRET stay valid through a rotation, as tokens do.
 */
export class StreamTickets {
  private readonly keys: KeyObject[];

  constructor(
    currentSecret: string,
    previousSecret: string | undefined,
    readonly ttlSeconds: number,
    private readonly now = () => Date.now(),
  ) {
    this.keys = [currentSecret, ...(previousSecret ? [previousSecret] : [])].map((secret) =>
      createSecretKey(createHmac('sha256', secret).update(PURPOSE).digest()),
    );
  }

  issue(principal: Principal): string {
    const claims: TicketClaims = {
      sub: principal.id, email: principal.email, companyId: principal.companyId, roles: principal.roles,
      exp: Math.floor(this.now() / 1000) + this.ttlSeconds,
    };
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return `${payload}.${sign(this.keys[0], payload)}`;
  }

  /** The principal a ticket names; any flaw (forged, expired, malformed) is the same 401. */
  verify(ticket: string): Principal {
    const invalid = new DomainError(ERRORS.UNAUTHENTICATED, 'The stream ticket is invalid or expired');
    const [payload, signature, ...rest] = ticket.split('.');
    if (!payload || !signature || rest.length) throw invalid;
    const given = Buffer.from(signature, 'base64url');
    const genuine = this.keys.some((key) => {
      const expected = Buffer.from(sign(key, payload), 'base64url');
      return expected.length === given.length && timingSafeEqual(expected, given);
    });
    if (!genuine) throw invalid;
    const claims = parse(payload);
    if (!claims || claims.exp * 1000 <= this.now()) throw invalid;
    return { id: claims.sub, email: claims.email, companyId: claims.companyId, roles: claims.roles };
  }
}

function sign(key: KeyObject, payload: string): string {
  return createHmac('sha256', key).update(payload).digest('base64url');
}

function parse(payload: string): TicketClaims | undefined {
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const wellFormed =
      typeof claims?.sub === 'string' && typeof claims.email === 'string' && typeof claims.exp === 'number' &&
      Array.isArray(claims.roles) && claims.roles.every((r: unknown) => (ROLES as readonly unknown[]).includes(r)) &&
      (claims.companyId === undefined || typeof claims.companyId === 'string');
    return wellFormed ? claims : undefined;
  } catch {
    return undefined;
  }
}
