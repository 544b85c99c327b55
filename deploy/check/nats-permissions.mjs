// Proves the NATS users of deploy/k8s/infra/nats/auth.conf against a real
// nats-server: each app can do what it needs (answer its requests in its
// queue group, publish its events through JetStream, consume another's
// stream with its durable consumer, the gateway its key-value buckets and its
// records of requests, the audit service every stream) and
// cannot publish another producer's events or answer another's requests.
//   node deploy/check/nats-permissions.mjs <nats-server binary>
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { AckPolicy, connect, StringCodec } from 'nats';

const sc = StringCodec();
const PASSWORD = 'check';
const USERS = ['gateway', 'members', 'clusters', 'workshops', 'notifications', 'audit', 'operator'];
const failures = [];

function expect(what, ok) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
}

async function freePort() {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const { port } = server.address();
  await new Promise((r) => server.close(r));
  return port;
}

/** Resolves true when the promise settles well, false on a permissions violation. */
async function allowed(promise) {
  try {
    await promise;
    return true;
  } catch (err) {
    if (/permissions violation|authorization/i.test(String(err?.message ?? err))) return false;
    throw err;
  }
}

/** A connection whose permission errors (sent asynchronously by the server) are collected. */
async function as(user, port) {
  const nc = await connect({ servers: `nats://127.0.0.1:${port}`, user, pass: PASSWORD, reconnect: false });
  nc.violations = [];
  (async () => {
    for await (const s of nc.status()) if (s.type === 'error') nc.violations.push(String(s.data));
  })();
  return nc;
}

async function violatedAfter(nc, action) {
  const before = nc.violations.length;
  await action();
  await nc.flush();
  await new Promise((r) => setTimeout(r, 100));
  return nc.violations.length > before;
}

async function main(natsServer) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'grappes-nats-permissions-'));
  const port = await freePort();
  fs.copyFileSync(path.join(import.meta.dirname, '..', 'k8s', 'infra', 'nats', 'auth.conf'), path.join(dir, 'auth.conf'));
  fs.writeFileSync(path.join(dir, 'nats.conf'), `port: ${port}\nhost: 127.0.0.1\njetstream { store_dir: "${path.join(dir, 'js')}" }\ninclude ./auth.conf\n`);
  const env = { ...process.env, ...Object.fromEntries(USERS.map((u) => [`NATS_${u.toUpperCase()}_PASSWORD`, PASSWORD])) };
  const server = spawn(natsServer, ['-c', path.join(dir, 'nats.conf')], { env, stdio: 'ignore' });
  try {
    for (let i = 0; i < 50 && !(await connect({ servers: `nats://127.0.0.1:${port}`, user: 'operator', pass: PASSWORD }).then((c) => c.close().then(() => true), () => false)); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    await checks(port);
  } finally {
    server.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function checks(port) {
  const members = await as('members', port);
  const clusters = await as('clusters', port);
  const gateway = await as('gateway', port);

  // Requests: members answers rpc.members.* in its queue group; the gateway asks.
  members.subscribe('rpc.members.>', { queue: 'members', callback: (_, m) => m.respond(sc.encode('pong')) });
  await members.flush(); // the subscription is on the server before anyone asks
  const reply = await gateway.request('rpc.members.ping', sc.encode('ping'), { timeout: 2000 }).then((m) => sc.decode(m.data), () => null);
  expect('members answers rpc.members.> in queue group members; the gateway requests it', reply === 'pong');
  expect('members may not answer in another queue group', await violatedAfter(members, () => members.subscribe('rpc.members.>', { queue: 'intruders' })));
  expect('clusters may not take members\' requests', await violatedAfter(clusters, () => clusters.subscribe('rpc.members.>', { queue: 'clusters' })));

  // Events: each producer declares its stream and publishes its own subjects only.
  const jsm = await members.jetstreamManager();
  expect('members declares EVENTS_MEMBERS', await allowed(jsm.streams.add({ name: 'EVENTS_MEMBERS', subjects: ['events.members.>'] })));
  expect('members publishes events.members.*', await allowed(members.jetstream().publish('events.members.company-registered', sc.encode('{}'))));
  expect('clusters may not publish events.members.*', await violatedAfter(clusters, () => clusters.publish('events.members.company-registered', sc.encode('{}'))));

  // Consumers: clusters reads EVENTS_MEMBERS through its durable consumer and acks.
  const cjsm = await clusters.jetstreamManager();
  await cjsm.consumers.add('EVENTS_MEMBERS', { durable_name: 'clusters', ack_policy: AckPolicy.Explicit });
  const consumer = await clusters.jetstream().consumers.get('EVENTS_MEMBERS', 'clusters');
  const message = await consumer.next({ expires: 2000 });
  expect('clusters consumes EVENTS_MEMBERS with its durable consumer', message !== null);
  expect('clusters acks', message !== null && (await allowed(message.ackAck())));
  expect('clusters dead-letters on deadletters.clusters.*', !(await violatedAfter(clusters, () => clusters.publish('deadletters.clusters.events.members.x', sc.encode('{}')))));
  expect('clusters may not dead-letter as members', await violatedAfter(clusters, () => clusters.publish('deadletters.members.x', sc.encode('{}'))));

  // The gateway's key-value buckets.
  const kv = await gateway.jetstream().views.kv('grappes_login_attempts', { history: 1 });
  expect('the gateway writes grappes_login_attempts', await allowed(kv.put('k', sc.encode('1'))));
  expect('the gateway reads grappes_login_attempts', (await kv.get('k'))?.string() === '1');
  const revoked = await gateway.jetstream().views.kv('grappes_revoked_access', { history: 1 });
  const watch = await revoked.watch();
  await revoked.put('p', sc.encode('x'));
  const seen = await Promise.race([(async () => { for await (const e of watch) return e.key; })(), new Promise((r) => setTimeout(() => r(null), 2000))]);
  watch.stop();
  expect('the gateway watches grappes_revoked_access', seen === 'p');
  expect('members may not write the gateway\'s buckets', await violatedAfter(members, () => members.publish('$KV.grappes_login_attempts.k', sc.encode('1'))));

  // The audit trail: the gateway publishes its records of requests; the audit service reads them and answers its requests.
  const audit = await as('audit', port);
  const gjsm = await gateway.jetstreamManager();
  expect('the gateway declares EVENTS_GATEWAY', await allowed(gjsm.streams.add({ name: 'EVENTS_GATEWAY', subjects: ['events.gateway.>'] })));
  expect('the gateway publishes events.gateway.*', await allowed(gateway.jetstream().publish('events.gateway.request-completed', sc.encode('{}'))));
  await (await audit.jetstreamManager()).consumers.add('EVENTS_GATEWAY', { durable_name: 'audit', ack_policy: AckPolicy.Explicit });
  const record = await (await audit.jetstream().consumers.get('EVENTS_GATEWAY', 'audit')).next({ expires: 2000 });
  expect('audit consumes EVENTS_GATEWAY with its durable consumer and acks', record !== null && (await allowed(record.ackAck())));
  audit.subscribe('rpc.audit.>', { queue: 'audit', callback: (_, m) => m.respond(sc.encode('entries')) });
  await audit.flush();
  const entries = await gateway.request('rpc.audit.search', sc.encode('{}'), { timeout: 2000 }).then((m) => sc.decode(m.data), () => null);
  expect('audit answers rpc.audit.> in queue group audit; the gateway requests it', entries === 'entries');
  expect('audit may not publish events', await violatedAfter(audit, () => audit.publish('events.members.company-registered', sc.encode('{}'))));
  expect('audit may not ask other services', await violatedAfter(audit, () => audit.publish('rpc.members.ping', sc.encode('{}'))));
  expect('members may not publish the gateway\'s records', await violatedAfter(members, () => members.publish('events.gateway.request-completed', sc.encode('{}'))));

  for (const nc of [members, clusters, gateway, audit]) await nc.close();
}

await main(process.argv[2]);
console.log(failures.length ? `nats-permissions: ${failures.length} failed` : 'nats-permissions: every user can do what its app needs, and no more');
process.exit(failures.length ? 1 : 0);
