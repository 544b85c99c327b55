import { hashPassword, verifyPassword } from './password';

describe('password hashing', () => {
  it('accepts the password a hash was made from', async () => {
    const hash = await hashPassword('Morteau-1900', 10);
    expect(await verifyPassword('Morteau-1900', hash)).toBe(true);
  });

  it('refuses any other password', async () => {
    const hash = await hashPassword('Morteau-1900', 10);
    expect(await verifyPassword('morteau-1900', hash)).toBe(false);
  });

  it('never stores the password itself and salts every hash', async () => {
    const [a, b] = await Promise.all([hashPassword('Besançon', 10), hashPassword('Besançon', 10)]);
    expect(a).not.toContain('Besançon');
    expect(a).not.toEqual(b);
  });

  it('refuses a stored value that is not a scrypt hash', async () => {
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
  });
});
