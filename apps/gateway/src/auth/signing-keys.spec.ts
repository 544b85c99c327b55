import { JwtService } from '@nestjs/jwt';
import { SigningKeys } from './signing-keys';

const OLD = 'o'.repeat(32);
const NEW = 'n'.repeat(32);
const OTHER = 'x'.repeat(32);

const gatewayWith = (current: string, previous?: string) => new JwtService(new SigningKeys(current, previous).jwtOptions());
async function verdictOf(jwt: JwtService, token: string): Promise<'valid' | 'refused'> {
  try {
    await jwt.verifyAsync(token);
    return 'valid';
  } catch {
    return 'refused';
  }
}

describe('access token keys', () => {
  it('names the signing key in the token header, and verifies what it signed', async () => {
    const jwt = gatewayWith(NEW);
    const token = await jwt.signAsync({ sub: 'p-1' });

    expect(JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString())).toMatchObject({ alg: 'HS256', kid: expect.any(String) });
    expect(await verdictOf(jwt, token)).toBe('valid');
  });

  it('keeps tokens signed with the previous secret valid after a rotation, and signs new ones with the new secret', async () => {
    const before = await gatewayWith(OLD).signAsync({ sub: 'p-1' });
    const rotated = gatewayWith(NEW, OLD);

    expect(await verdictOf(rotated, before)).toBe('valid');
    expect(await verdictOf(gatewayWith(NEW), await rotated.signAsync({ sub: 'p-1' }))).toBe('valid');
  });

  it('refuses a token of a secret it does not know, and one whose kid was forged onto another key', async () => {
    const foreign = await gatewayWith(OTHER).signAsync({ sub: 'p-1' });
    const [, payload, signature] = foreign.split('.');
    const forgedHeader = (await gatewayWith(NEW).signAsync({ sub: 'x' })).split('.')[0];

    expect(await verdictOf(gatewayWith(NEW, OLD), foreign)).toBe('refused');
    expect(await verdictOf(gatewayWith(NEW, OLD), `${forgedHeader}.${payload}.${signature}`)).toBe('refused');
  });

  it('refuses a token without a key id, and an unsigned one', async () => {
    const jwt = gatewayWith(NEW);
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"p-1"}').toString('base64url')}.`;

    expect(await verdictOf(jwt, unsigned)).toBe('refused');
    expect(await verdictOf(jwt, 'not-a-token')).toBe('refused');
  });
});
