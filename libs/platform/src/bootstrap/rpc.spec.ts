// Request-reply over a real nats-server, wired as bootstrapService wires a service:
// DrainingNatsServer in a queue group behind useContractDoors, called through RpcClient. (It lives here, not in
// libs/messaging, because a messaging spec importing platform would be a cycle.)
import { Controller, Inject, INestMicroservice } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { DomainError, ERRORS, NoPayload, Principal, defineRpc } from '@grappes/contracts';
import {
  Caller, RequestContext, RpcClient, RpcHandler, currentCorrelationId, runInContext, signPrincipal, useContractDoors,
} from '@grappes/messaging';
import { IsInt, IsOptional, IsString, Length, Min } from 'class-validator';
import { NatsServerProcess, requireServer, sleep, uniqueName } from '@grappes/testing';
import { JSONCodec, connect, headers as natsHeaders } from 'nats';
import { createRpcClient, createRpcServer } from './nats.providers';

const NATS_URL = requireServer('NATS_URL');

/** A service of its own, so that no other test or running app shares its subjects or queue group. */
const SERVICE = uniqueName('rpctest');

class Greet {
  @IsString() @Length(1, 40) name!: string;
  @IsOptional() @IsInt() @Min(1) times?: number;
}

class Pause {
  @IsInt() @Min(0) ms!: number;
}

interface Greeting {
  greeting: string;
  instance: string;
}

const PROBE_RPC = {
  greet: defineRpc<Greet, Greeting>(SERVICE, 'greet', Greet),
  refuse: defineRpc<NoPayload, never>(SERVICE, 'refuse', NoPayload),
  crash: defineRpc<NoPayload, never>(SERVICE, 'crash', NoPayload),
  slow: defineRpc<Pause, void>(SERVICE, 'slow', Pause),
  whoAmI: defineRpc<NoPayload, { caller: RequestContext; traceInHandler: string }>(SERVICE, 'who-am-i', NoPayload),
};

const INSTANCE = Symbol('instance');
const answeredBy: string[] = [];

@Controller()
class ProbeController {
  constructor(@Inject(INSTANCE) private readonly instance: string) {}

  @RpcHandler(PROBE_RPC.greet)
  greet(@Payload() request: Greet): Greeting {
    answeredBy.push(this.instance);
    return { greeting: `Bonjour ${request.name}${'!'.repeat(request.times ?? 1)}`, instance: this.instance };
  }

  @RpcHandler(PROBE_RPC.refuse)
  refuse(): never {
    throw new DomainError(ERRORS.CLUSTER_NOT_FOUND, 'No cluster c-404', { clusterId: 'c-404' });
  }

  @RpcHandler(PROBE_RPC.crash)
  crash(): never {
    throw new Error('connect ECONNREFUSED mongodb://admin:secret@db');
  }

  @RpcHandler(PROBE_RPC.slow)
  async slow(@Payload() { ms }: Pause): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, ms));
  }

  @RpcHandler(PROBE_RPC.whoAmI)
  whoAmI(@Caller() caller: RequestContext) {
    return { caller, traceInHandler: currentCorrelationId() };
  }
}

const services: INestMicroservice[] = [];
let client: RpcClient;

async function startService(instance: string, natsUrl = NATS_URL): Promise<INestMicroservice> {
  const moduleRef = await Test.createTestingModule({
    controllers: [ProbeController],
    providers: [{ provide: INSTANCE, useValue: instance }],
  }).compile();
  const strategy = createRpcServer(SERVICE, natsUrl);
  const app = moduleRef.createNestMicroservice({ strategy, logger: false });
  useContractDoors(app);
  await app.listen();
  services.push(app);
  return app;
}

/** The DomainError a call fails with. */
async function failureOf(call: Promise<unknown>): Promise<DomainError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

beforeAll(async () => {
  await startService('a');
  client = createRpcClient({ NATS_URL, RPC_TIMEOUT_MS: 2_000 });
});

afterAll(async () => {
  await client?.onApplicationShutdown();
  await Promise.all(services.map((app) => app.close()));
});

describe('request-reply between services', () => {
  it('answers a valid request with its typed reply', async () => {
    const reply = await client.send(PROBE_RPC.greet, { name: 'Ada', times: 2 });

    expect(reply).toEqual({ greeting: 'Bonjour Ada!!', instance: 'a' });
  });

  it('refuses an invalid payload with REQUEST.VALIDATION_FAILED (400) naming the bad fields, not a bare 500', async () => {
    const invalid = { name: '', times: 0, admin: true } as unknown as Greet;

    const error = await failureOf(client.send(PROBE_RPC.greet, invalid));

    expect(error).toMatchObject({ code: 'REQUEST.VALIDATION_FAILED', status: 400 });
    const fields = (error.details as { field: string }[]).map((problem) => problem.field);
    expect(fields.sort()).toEqual(['admin', 'name', 'times']);
  });

  it('carries a DomainError thrown by a handler across, with its code, status, message and details', async () => {
    const error = await failureOf(client.send(PROBE_RPC.refuse, {}));

    expect(error.toBody()).toEqual({ code: 'CLUSTER.NOT_FOUND', status: 404, message: 'No cluster c-404', details: { clusterId: 'c-404' } });
  });

  it('turns an unexpected error into INTERNAL (500), without its message', async () => {
    const error = await failureOf(client.send(PROBE_RPC.crash, {}));

    expect(error.toBody()).toEqual({ code: 'INTERNAL', status: 500, message: 'Internal error' });
  });

  it('carries the principal and the correlation id in headers, to @Caller() and to the work the handler does', async () => {
    const principal: Principal = { id: 'p-1', email: 'ada@grappes.test', companyId: 'co-1', roles: ['company-admin'] };

    const reply = await runInContext({ correlationId: 'corr-42' }, () => client.send(PROBE_RPC.whoAmI, {}, { principal }));

    expect(reply.caller).toEqual({ correlationId: 'corr-42', principal });
    expect(reply.traceInHandler).toBe('corr-42');
  });

  it('fails a request no instance listens to at once, with SERVICE.UNAVAILABLE (503), without waiting for the timeout', async () => {
    const unanswered = defineRpc<NoPayload, never>(uniqueName('absent'), 'ping', NoPayload);
    const started = Date.now();

    // The server tells the client "no responders" (a 503 status on the reply inbox).
    const error = await failureOf(client.send(unanswered, {}, { timeoutMs: 2_000 }));

    expect(error).toMatchObject({ code: 'SERVICE.UNAVAILABLE', status: 503 });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('fails a request whose handler does not answer in time, after the timeout, with SERVICE.TIMEOUT (504)', async () => {
    const started = Date.now();

    const error = await failureOf(client.send(PROBE_RPC.slow, { ms: 400 }, { timeoutMs: 150 }));

    expect(error).toMatchObject({ code: 'SERVICE.TIMEOUT', status: 504 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(145);
  });

  it('shares the requests between two instances in one queue group, each request answered once', async () => {
    await startService('b');
    answeredBy.length = 0;

    const replies = await Promise.all(Array.from({ length: 60 }, (_, i) => client.send(PROBE_RPC.greet, { name: `n${i}` })));

    expect(replies.map((r) => r.greeting)).toEqual(Array.from({ length: 60 }, (_, i) => `Bonjour n${i}!`));
    expect(answeredBy).toHaveLength(60);
    expect(answeredBy).toContain('a');
    expect(answeredBy).toContain('b');
  });

  it('answers a request in hand when the service stops gracefully, before its connection goes', async () => {
    const app = await startService('stopping');
    // Only this instance may take the request.
    await Promise.all(services.filter((s) => s !== app).map((s) => s.close()));
    services.splice(0, services.length);

    const reply = client.send(PROBE_RPC.slow, { ms: 500 });
    await sleep(100); // the request reached the handler
    await app.close();

    await expect(reply).resolves.toBeUndefined();
  });
});

describe('the principal across NATS, signed by the sender', () => {
  const codec = JSONCodec<{ response?: { caller: RequestContext }; err?: { code: string; status: number } }>();
  const mallory = JSON.stringify({ id: 'p-9', email: 'mallory@grappes.test', roles: ['federation-admin'] });

  // Its own instance: the tests above stop theirs.
  beforeAll(() => startService('signed'));

  /** A request published straight on NATS, as anyone who can publish there could, with the headers given. */
  async function forged(headers: Record<string, string>) {
    const nc = await connect({ servers: NATS_URL });
    try {
      const h = natsHeaders();
      for (const [name, value] of Object.entries(headers)) h.set(name, value);
      const subject = PROBE_RPC.whoAmI.subject;
      const message = await nc.request(subject, JSONCodec().encode({ pattern: subject, data: {}, id: 'forged-1' }), { headers: h, timeout: 2_000 });
      return codec.decode(message.data);
    } finally {
      await nc.close();
    }
  }

  it('refuses a principal without a signature with 401', async () => {
    expect((await forged({ 'x-principal': mallory })).err).toMatchObject({ code: 'AUTH.UNAUTHENTICATED', status: 401 });
  });

  it('refuses a principal signed with another secret, or its signature moved to another principal', async () => {
    const otherSecret = signPrincipal(mallory, Date.now(), 'not-the-shared-secret-not-the-shared-secret');
    expect((await forged({ 'x-principal': mallory, 'x-principal-signature': otherSecret })).err).toMatchObject({ status: 401 });
    const someoneElse = signPrincipal(JSON.stringify({ id: 'p-1', email: 'ada@grappes.test', roles: ['member'] }));
    expect((await forged({ 'x-principal': mallory, 'x-principal-signature': someoneElse })).err).toMatchObject({ status: 401 });
  });

  it('refuses a signature older than a minute, as a replayed header would be', async () => {
    const stale = signPrincipal(mallory, Date.now() - 120_000);
    expect((await forged({ 'x-principal': mallory, 'x-principal-signature': stale })).err).toMatchObject({ status: 401 });
  });

  it('takes a principal signed with the shared secret', async () => {
    const reply = await forged({ 'x-principal': mallory, 'x-principal-signature': signPrincipal(mallory) });
    expect(reply.response?.caller.principal).toEqual(JSON.parse(mallory));
  });
});

describe('request-reply through a NATS outage', () => {
  let server: NatsServerProcess;
  let outageClient: RpcClient;
  let outageService: INestMicroservice;

  beforeAll(async () => {
    server = await NatsServerProcess.start();
    outageService = await startService('outage', server.url);
    services.splice(services.indexOf(outageService), 1);
    outageClient = createRpcClient({ NATS_URL: server.url, RPC_TIMEOUT_MS: 2_000 });
  });

  afterAll(async () => {
    await outageClient?.onApplicationShutdown();
    await outageService?.close();
    await server?.remove();
  });

  it('answers again after an outage longer than the client default of ten reconnect attempts, without a restart', async () => {
    await expect(outageClient.send(PROBE_RPC.greet, { name: 'avant' })).resolves.toMatchObject({ instance: 'outage' });

    await server.stop();
    await sleep(25_000);
    await server.start();

    let reply: Greeting | undefined;
    for (const deadline = Date.now() + 15_000; !reply && Date.now() < deadline; await sleep(200)) {
      reply = await outageClient.send(PROBE_RPC.greet, { name: 'après' }).catch(() => undefined);
    }
    expect(reply).toMatchObject({ greeting: 'Bonjour après!', instance: 'outage' });
  }, 60_000);
});
