#!/usr/bin/env node
// Dead letters: list them, and replay them once the cause is fixed.
//
//   node scripts/dead-letters.mjs list   [--service S] [--json]
//   node scripts/dead-letters.mjs replay [--service S] [--seq N]
//
// Connects to NATS_URL (default nats://127.0.0.1:4222). An event whose handler failed
// its last attempt sits in the DEAD_LETTERS stream on `deadletters.<service>.<subject>`.
// `replay` republishes each selected one's original payload on its original subject,
// with Nats-Msg-Id `<event id>:replay:<dead-letter seq>`, then deletes it from
// DEAD_LETTERS. Every consumer of that stream receives the event again (they are
// idempotent), not only the service that gave up. A replay interrupted between
// publishing and deleting can be run again: within the stream's duplicate window the
// same Nats-Msg-Id publishes nothing twice.
//
// Options also taken: --limit N (at most N dead letters, oldest first; default 1000)
// and --namespace NS (the streams of an isolated run, as the tests use them).
//
// The same logic as libs/messaging/src/events/dead-letters.ts, written against the
// `nats` package alone so that the command runs without TypeScript or a build. That
// module is what the tests prove; dead-letters.spec.ts runs this script as well and
// checks that both agree. Keep the two alike.

import { connect, headers as natsHeaders } from 'nats';

const USAGE = `usage: node scripts/dead-letters.mjs list   [--service S] [--json] [--limit N]
       node scripts/dead-letters.mjs replay [--service S] [--seq N] [--limit N]
NATS_URL selects the server (default nats://127.0.0.1:4222).`;

const DEAD_LETTER_STREAM = 'DEAD_LETTERS';
const DEFAULT_LIMIT = 1000;

class UsageError extends Error {}

// ---------------------------------------------------------------------------
// The logic (as in dead-letters.ts)

const inNamespace = (subject, namespace) => (namespace ? `${namespace}.${subject}` : subject);
const outOfNamespace = (subject, namespace) =>
  namespace && subject.startsWith(`${namespace}.`) ? subject.slice(namespace.length + 1) : subject;
const streamNameIn = (name, namespace) => (namespace ? `${namespace}_${name}` : name);

async function load(jsm, stream, request) {
  try {
    return await jsm.streams.getMessage(stream, request);
  } catch (error) {
    if (/no message found|stream not found/i.test(error.message)) return undefined;
    throw error;
  }
}

function envelopeOf(message) {
  try {
    const value = message.json();
    return value && typeof value === 'object' ? value : undefined;
  } catch {
    return undefined;
  }
}

function toDeadLetter(message, namespace) {
  const [prefix, service, ...rest] = outOfNamespace(message.subject, namespace).split('.');
  if (prefix !== 'deadletters' || !service || rest.length === 0) return undefined;
  const envelope = envelopeOf(message);
  const header = (name) => message.header?.get(name) ?? '';
  return {
    seq: message.seq,
    service,
    subject: rest.join('.'),
    stream: header('x-original-stream'),
    reason: header('x-dead-letter-reason'),
    attempts: Number(header('x-attempts') || 0),
    ...(envelope?.id ? { eventId: envelope.id } : {}),
    ...(envelope?.type ? { type: envelope.type } : {}),
    ...(envelope?.time ? { time: envelope.time } : {}),
    deadLetteredAt: message.time.toISOString(),
  };
}

async function readDeadLetters(jsm, { service, seq, namespace, limit = DEFAULT_LIMIT }) {
  if (service !== undefined && !/^[^.\s*>]+$/.test(service)) throw new UsageError(`Not a service name: "${service}"`);
  const stream = streamNameIn(DEAD_LETTER_STREAM, namespace);
  const filter = inNamespace(service ? `deadletters.${service}.>` : 'deadletters.>', namespace);
  const found = [];
  if (seq !== undefined) {
    const message = await load(jsm, stream, { seq });
    const deadLetter = message && toDeadLetter(message, namespace);
    if (deadLetter && (!service || deadLetter.service === service)) found.push({ deadLetter, message });
    return found;
  }
  for (let next = 1; found.length < limit; ) {
    const message = await load(jsm, stream, { seq: next, next_by_subj: filter });
    if (!message) break;
    const deadLetter = toDeadLetter(message, namespace);
    if (deadLetter) found.push({ deadLetter, message });
    next = message.seq + 1;
  }
  return found;
}

async function listDeadLetters(nc, query) {
  const jsm = await nc.jetstreamManager();
  return (await readDeadLetters(jsm, query)).map(({ deadLetter }) => deadLetter);
}

async function replayDeadLetters(nc, query, onReplayed) {
  const jsm = await nc.jetstreamManager();
  const js = nc.jetstream();
  const stream = streamNameIn(DEAD_LETTER_STREAM, query.namespace);
  const replayed = [];
  for (const { deadLetter, message } of await readDeadLetters(jsm, query)) {
    const msgId = deadLetter.eventId ? `${deadLetter.eventId}:replay:${deadLetter.seq}` : `${stream}:${deadLetter.seq}:replay`;
    const publishedOn = message.header?.get('x-original-subject') || inNamespace(deadLetter.subject, query.namespace);
    const h = natsHeaders();
    const correlationId = envelopeOf(message)?.correlationid;
    if (typeof correlationId === 'string' && correlationId) h.set('x-correlation-id', correlationId);
    h.set('x-replay-of', `${stream}:${deadLetter.seq}`);
    const ack = await js.publish(publishedOn, message.data, {
      msgID: msgId,
      headers: h,
      ...(deadLetter.stream ? { expect: { streamName: deadLetter.stream } } : {}),
    });
    try {
      await jsm.streams.deleteMessage(stream, deadLetter.seq);
    } catch (error) {
      if (!/no message found/i.test(error.message)) {
        throw new Error(
          `Dead letter ${deadLetter.seq} was republished (Nats-Msg-Id ${msgId}) but could not be deleted: ${error.message}. ` +
            'Replaying it again within the duplicate window publishes nothing twice.',
        );
      }
    }
    const result = { ...deadLetter, msgId, publishedOn, duplicate: ack.duplicate };
    replayed.push(result);
    onReplayed?.(result);
  }
  return replayed;
}

// ---------------------------------------------------------------------------
// The command line

function parseArgs(argv) {
  const [command, ...rest] = argv;
  if (command !== 'list' && command !== 'replay') throw new UsageError(command ? `Unknown command "${command}"` : 'No command given');
  const options = { command };
  const allowed = command === 'list' ? ['--service', '--json', '--limit', '--namespace'] : ['--service', '--seq', '--limit', '--namespace'];
  for (let i = 0; i < rest.length; i++) {
    const [flag, inline] = rest[i].split(/=(.*)/s, 2);
    if (!allowed.includes(flag)) throw new UsageError(`Unknown option "${rest[i]}" for ${command}`);
    if (flag === '--json') {
      options.json = true;
      continue;
    }
    const value = inline ?? rest[++i];
    if (value === undefined || value === '') throw new UsageError(`${flag} needs a value`);
    if (flag === '--seq' || flag === '--limit') {
      if (!/^[1-9]\d*$/.test(value)) throw new UsageError(`${flag} takes a positive whole number, not "${value}"`);
      options[flag.slice(2)] = Number(value);
    } else {
      options[flag.slice(2)] = value;
    }
  }
  return options;
}

function truncate(text, width) {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

function table(rows, columns) {
  const cells = rows.map((row) => columns.map(([, value]) => String(value(row) ?? '')));
  const widths = columns.map(([title], i) => Math.max(title.length, ...cells.map((line) => line[i].length)));
  const format = (line) => line.map((cell, i) => (i === line.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ');
  return [format(columns.map(([title]) => title)), ...cells.map(format)].join('\n');
}

function printList(deadLetters, options) {
  if (options.json) return void console.log(JSON.stringify(deadLetters, null, 2));
  if (deadLetters.length === 0) {
    console.log(options.service ? `No dead letters for service ${options.service}.` : 'No dead letters.');
    return;
  }
  console.log(
    table(deadLetters, [
      ['SEQ', (d) => d.seq],
      ['SERVICE', (d) => d.service],
      ['SUBJECT', (d) => d.subject],
      ['ATTEMPTS', (d) => d.attempts],
      ['DEAD-LETTERED AT', (d) => d.deadLetteredAt],
      ['EVENT ID', (d) => d.eventId ?? '(not an event)'],
      ['REASON', (d) => truncate(d.reason.replace(/\s+/g, ' '), 100)],
    ]),
  );
  const limited = deadLetters.length >= (options.limit ?? DEFAULT_LIMIT) ? ' (the limit: there may be more)' : '';
  console.log(`\n${deadLetters.length} dead letter(s)${limited}.`);
}

async function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`${error.message}\n${USAGE}`);
    return 2;
  }
  const url = process.env.NATS_URL || 'nats://127.0.0.1:4222';
  // A comma-separated NATS_URL names a cluster: the client wants a list.
  const servers = url.split(',').map((server) => server.trim()).filter(Boolean);
  const nc = await connect({ servers, name: 'dead-letters-command' }).catch((error) => {
    throw new Error(`Cannot connect to NATS at ${url}: ${error.message}`);
  });
  try {
    const query = { service: options.service, seq: options.seq, namespace: options.namespace, limit: options.limit };
    if (options.command === 'list') {
      printList(await listDeadLetters(nc, query), options);
    } else {
      const replayed = await replayDeadLetters(nc, query, (d) =>
        console.log(
          `replayed #${d.seq} ${d.service} ${d.subject} event ${d.eventId ?? '(not an event)'} as ${d.msgId}` +
            (d.duplicate ? ' (already replayed before: not published again)' : ''),
        ),
      );
      if (replayed.length === 0) {
        console.log(options.seq !== undefined ? `No dead letter #${options.seq}${options.service ? ` for service ${options.service}` : ''}.` : 'No dead letters to replay.');
      } else {
        console.log(`${replayed.length} dead letter(s) replayed.`);
      }
    }
  } finally {
    await nc.close();
  }
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error) => {
    console.error(error instanceof UsageError ? `${error.message}\n${USAGE}` : `dead-letters: ${error.message}`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  },
);
