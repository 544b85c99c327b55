import { connect } from 'nats';
import { DEAD_LETTERS_LIMIT, DeadLetter, listDeadLetters, replayDeadLetters } from '../events/dead-letters';
import { natsConnectionOptions } from '../nats-connection';

export const DEAD_LETTERS_USAGE = `usage: npm run dead-letters -- list   [--service S] [--json] [--limit N]
       npm run dead-letters -- replay [--service S] [--seq N] [--limit N]
NATS_URL selects the server (default nats://127.0.0.1:4222).`;

class UsageError extends Error {}

interface Options {
  command: 'list' | 'replay';
  service?: string;
  seq?: number;
  limit?: number;
  namespace?: string;
  json?: boolean;
}

const ALLOWED = { list: ['--service', '--json', '--limit', '--namespace'], replay: ['--service', '--seq', '--limit', '--namespace'] };

function parseArgs([command, ...rest]: string[]): Options {
  if (command !== 'list' && command !== 'replay') throw new UsageError(command ? `Unknown command "${command}"` : 'No command given');
  const options: Options = { command };
  for (let i = 0; i < rest.length; i++) {
    const [flag, inline] = rest[i].split(/=(.*)/s, 2);
    if (!ALLOWED[command].includes(flag)) throw new UsageError(`Unknown option "${rest[i]}" for ${command}`);
    if (flag === '--json') {
      options.json = true;
      continue;
    }
    const value = inline ?? rest[++i];
    if (value === undefined || value === '') throw new UsageError(`${flag} needs a value`);
    if (flag === '--seq' || flag === '--limit') {
      if (!/^[1-9]\d*$/.test(value)) throw new UsageError(`${flag} takes a positive whole number, not "${value}"`);
      options[flag === '--seq' ? 'seq' : 'limit'] = Number(value);
    } else {
      options[flag === '--service' ? 'service' : 'namespace'] = value;
    }
  }
  return options;
}

const truncate = (text: string, width: number) => (text.length > width ? `${text.slice(0, width - 1)}…` : text);

function table<T>(rows: T[], columns: [string, (row: T) => unknown][]): string {
  const cells = rows.map((row) => columns.map(([, value]) => String(value(row) ?? '')));
  const widths = columns.map(([title], i) => Math.max(title.length, ...cells.map((line) => line[i].length)));
  const format = (line: string[]) => line.map((cell, i) => (i === line.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ');
  return [format(columns.map(([title]) => title)), ...cells.map(format)].join('\n');
}

function listed(deadLetters: DeadLetter[], options: Options): string {
  if (options.json) return JSON.stringify(deadLetters, null, 2);
  if (deadLetters.length === 0) return options.service ? `No dead letters for service ${options.service}.` : 'No dead letters.';
  const limited = deadLetters.length >= (options.limit ?? DEAD_LETTERS_LIMIT) ? ' (the limit: there may be more)' : '';
  return `${table(deadLetters, [
    ['SEQ', (d) => d.seq],
    ['SERVICE', (d) => d.service],
    ['SUBJECT', (d) => d.subject],
    ['ATTEMPTS', (d) => d.attempts],
    ['DEAD-LETTERED AT', (d) => d.deadLetteredAt],
    ['EVENT ID', (d) => d.eventId ?? '(not an event)'],
    ['REASON', (d) => truncate(d.reason.replace(/\s+/g, ' '), 100)],
  ])}\n\n${deadLetters.length} dead letter(s)${limited}.`;
}

async function run(options: Options, natsUrl: string, print: (line: string) => void): Promise<void> {
  const nc = await connect(natsConnectionOptions(natsUrl, 'dead-letters-command')).catch((error: Error) => {
    throw new Error(`Cannot connect to NATS: ${error.message}`);
  });
  try {
    const query = { service: options.service, seq: options.seq, namespace: options.namespace, limit: options.limit };
    if (options.command === 'list') return print(listed(await listDeadLetters(nc, query), options));
    const replayed = await replayDeadLetters(nc, query);
    for (const d of replayed) {
      print(`replayed #${d.seq} ${d.service} ${d.subject} event ${d.eventId ?? '(not an event)'} as ${d.msgId}` +
        (d.duplicate ? ' (already replayed before: not published again)' : ''));
    }
    if (replayed.length > 0) return print(`${replayed.length} dead letter(s) replayed.`);
    print(options.seq !== undefined ? `No dead letter #${options.seq}${options.service ? ` for service ${options.service}` : ''}.` : 'No dead letters to replay.');
  } finally {
    await nc.close();
  }
}

/**
 * The operator command (`npm run dead-letters`): lists the events that failed
 * their last attempt, and replays them once the cause is fixed. Answers the
 * exit code: 0 done, 1 failed, 2 a usage error.
 */
export async function deadLettersCommand(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let options: Options;
  try {
    options = parseArgs(argv);
  } catch (error) {
    console.error(`${(error as Error).message}\n${DEAD_LETTERS_USAGE}`);
    return 2;
  }
  try {
    await run(options, env['NATS_URL'] || 'nats://127.0.0.1:4222', (line) => console.log(line));
    return 0;
  } catch (error) {
    console.error(`dead-letters: ${(error as Error).message}`);
    return 1;
  }
}
