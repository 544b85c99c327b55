import { guardedLookup, isPrivateAddress, refusalOf } from './url-policy';

describe('the addresses a webhook may reach in production', () => {
  it.each(['127.0.0.1', '10.1.2.3', '172.20.0.5', '192.168.1.10', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1'])(
    'refuses the private, loopback or reserved address %s',
    (address) => expect(isPrivateAddress(address)).toBe(true),
  );

  it.each(['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946', '8.8.8.8', '::ffff:8.8.8.8'])('accepts the public address %s', (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });
});

describe('the URL of a subscription', () => {
  it('must be https, to a name or a public address, in production', () => {
    expect(refusalOf('https://erp.example.com/grappes', false)).toBeUndefined();
    expect(refusalOf('https://93.184.216.34/hook', false)).toBeUndefined();
    expect(refusalOf('http://erp.example.com/grappes', false)).toBe('it must be https');
    expect(refusalOf('https://localhost:8443/hook', false)).toBe('it must not point at this host');
    expect(refusalOf('https://127.0.0.1/hook', false)).toContain('private');
    expect(refusalOf('https://[::1]/hook', false)).toContain('private');
    expect(refusalOf('https://169.254.169.254/latest/meta-data', false)).toContain('private');
    expect(refusalOf('https://user:pass@erp.example.com/', false)).toContain('credentials');
  });

  it('may be plain http to this host in development and tests', () => {
    expect(refusalOf('http://127.0.0.1:4000/hook', true)).toBeUndefined();
    expect(refusalOf('ftp://127.0.0.1/hook', true)).toBe('it must be http(s)');
  });
});

describe('the lookup a delivery connects with', () => {
  const resolve = (allowPrivate: boolean, host: string) =>
    new Promise<string>((done) => guardedLookup(allowPrivate)(host, {}, (error, address) => done(error ? `refused: ${error.message}` : String(address))));

  it('refuses a name that resolves to a private address in production, and lets it through elsewhere', async () => {
    expect(await resolve(false, 'localhost')).toMatch(/^refused: localhost resolves to a private address/);
    expect(await resolve(true, 'localhost')).toMatch(/^(127\.0\.0\.1|::1)$/);
  });
});
