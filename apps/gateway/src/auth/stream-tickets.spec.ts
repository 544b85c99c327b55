import { JwtService } from '@nestjs/jwt';
import { Principal } from '@grappes/contracts';
import { SigningKeys } from './signing-keys';
import { StreamTickets } from './stream-tickets';

const SECRET = 's'.repeat(32);
const PREVIOUS = 'p'.repeat(32);
const ADA: Principal = { id: 'p-1', email: 'ada@doubs.example', companyId: 'c-1', roles: ['company-admin'] };

let now = Date.parse('2026-03-02T09:00:00.000Z');
const tickets = (secret = SECRET, previous?: string) => new StreamTickets(secret, previous, 60, () => now);
const verdictOf = (verifier: StreamTickets, ticket: string) => {
  try {
    return verifier.verify(ticket);
  } catch (error) {
    return (error as { code: string }).code;
  }
};

describe('stream tickets', () => {
  it('names the principal, and is accepted by any gateway with the same secret', () => {
    const ticket = tickets().issue(ADA);

    expect(verdictOf(tickets(), ticket)).toEqual(ADA);
  });

  it('expires after its lifetime', () => {
    const ticket = tickets().issue(ADA);

    now += 59_000;
    expect(verdictOf(tickets(), ticket)).toEqual(ADA);
    now += 1_000;
    expect(verdictOf(tickets(), ticket)).toBe('AUTH.UNAUTHENTICATED');
  });

  it('is refused when signed with another secret, altered or malformed', () => {
    const ticket = tickets().issue(ADA);
    const [payload, signature] = ticket.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const promoted = Buffer.from(JSON.stringify({ ...claims, roles: ['federation-admin'] })).toString('base64url');

    for (const bad of [tickets('x'.repeat(32)).issue(ADA), `${promoted}.${signature}`, payload, `${ticket}.more`, '', 'a.b']) {
      expect(verdictOf(tickets(), bad)).toBe('AUTH.UNAUTHENTICATED');
    }
  });

  it('stays valid through a rotation of the secret, as access tokens do', () => {
    const before = tickets(PREVIOUS).issue(ADA);

    expect(verdictOf(tickets(SECRET, PREVIOUS), before)).toEqual(ADA);
    expect(verdictOf(tickets(SECRET), before)).toBe('AUTH.UNAUTHENTICATED');
  });

  it('is no access token, and an access token is no ticket', async () => {
    const jwt = new JwtService(new SigningKeys(SECRET).jwtOptions());
    const accessToken = await jwt.signAsync({ sub: ADA.id, email: ADA.email, roles: ADA.roles });

    await expect((async () => jwt.verifyAsync(tickets().issue(ADA)))()).rejects.toThrow();
    expect(verdictOf(tickets(), accessToken)).toBe('AUTH.UNAUTHENTICATED');
  });
});
