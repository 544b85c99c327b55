import { exited, runApp } from './support/platform';

describe('configuration at boot', () => {
  it('stops a service whose variable is malformed, naming the variable', async () => {
    const app = runApp('members', { PORT: 'not-a-port', NATS_URL: 'nats://127.0.0.1:1' });
    expect(await exited(app)).not.toBe(0);
    expect(app.output()).toContain('PORT');
  });

  it('refuses to start the gateway in production without its secrets, naming them', async () => {
    const app = runApp('gateway', { NODE_ENV: 'production', JWT_SECRET: '', ADMIN_EMAIL: '', ADMIN_PASSWORD: '' });
    expect(await exited(app)).not.toBe(0);
    expect(app.output()).toMatch(/JWT_SECRET[\s\S]*ADMIN_EMAIL|ADMIN_EMAIL[\s\S]*JWT_SECRET/);
  });
});
