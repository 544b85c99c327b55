// Connection options against a real nats-server that requires credentials.
import { NatsServerProcess } from '@grappes/testing';
import { connect } from 'nats';
import { natsConnectionOptions } from './nats-connection';

let server: NatsServerProcess;

beforeAll(async () => {
  server = await NatsServerProcess.start(['--user', 'clusters', '--pass', 's3cret/with:odd@chars']);
});

afterAll(() => server?.remove());

const withCredentials = (user: string, pass: string) => server.url.replace('nats://', `nats://${user}:${encodeURIComponent(pass)}@`);

async function outcomeOf(url: string): Promise<'connected' | string> {
  try {
    const connection = await connect({ ...natsConnectionOptions(url), maxReconnectAttempts: 0 });
    await connection.close();
    return 'connected';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

describe('NATS connection options', () => {
  it('signs in with the user and password given in the URL, which the client alone would ignore', async () => {
    expect(await outcomeOf(withCredentials('clusters', 's3cret/with:odd@chars'))).toBe('connected');
  });

  it('is refused with a wrong password or none', async () => {
    expect(await outcomeOf(withCredentials('clusters', 'wrong'))).toBe('AUTHORIZATION_VIOLATION');
    expect(await outcomeOf(server.url)).toBe('AUTHORIZATION_VIOLATION');
  });

  it('takes the credentials of a cluster list once, and gives every server without them', () => {
    const options = natsConnectionOptions('nats://svc:pw@n1:4222, nats://svc:pw@n2:4222,nats://n3:4222');
    expect(options).toMatchObject({ servers: ['nats://n1:4222', 'nats://n2:4222', 'nats://n3:4222'], user: 'svc', pass: 'pw', maxReconnectAttempts: -1 });
  });
});
