import { ERRORS } from '@grappes/contracts';
import { hashPassword } from './password';
import { PasswordHashing } from './password-hashing';

describe('password hashing in members', () => {
  it('refuses derivations beyond its concurrency at once with 503, and takes new ones once those finish', async () => {
    const hashing = new PasswordHashing(12, 2);
    const stored = await hashPassword('Morteau-1900', 12);
    const outcomes = await Promise.allSettled(Array.from({ length: 6 }, () => hashing.verify('Morteau-1900', stored)));

    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(2);
    const refusals = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(refusals.map((r) => [r.reason.status, r.reason.code])).toEqual(Array(4).fill([503, ERRORS.SERVICE_UNAVAILABLE.code]));
    await expect(hashing.verify('Morteau-1900', stored)).resolves.toEqual({ matches: true, rehash: false });
  });

  it('asks for a rehash of a right password whose hash was made at another cost', async () => {
    const hashing = new PasswordHashing(10, 4);
    await expect(hashing.verify('Morteau-1900', await hashPassword('Morteau-1900', 11))).resolves.toEqual({ matches: true, rehash: true });
    await expect(hashing.verify('wrong', await hashPassword('Morteau-1900', 11))).resolves.toEqual({ matches: false, rehash: false });
  });
});
