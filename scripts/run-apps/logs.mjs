// The apps' pino JSON lines made readable by pino-pretty, each prefixed with
// the instance's label. Kept here: which lines are shown (warnings, errors and
// the start-up lines; everything with GRAPPES_VERBOSE=1).

import readline from 'node:readline';
import { prettyFactory } from 'pino-pretty';

const VERBOSE = process.env.GRAPPES_VERBOSE === '1';
const WARN = 40;

const pretty = prettyFactory({
  translateTime: 'HH:MM:ss.l',
  singleLine: true,
  // pino's bookkeeping, and the request that messageFormat puts in one line.
  ignore: 'pid,hostname,service,context,req,res,responseTime',
  messageFormat: (entry, messageKey) => {
    const request = entry.req && entry.res ? ` ${entry.req.method} ${entry.req.url} ${entry.res.statusCode} ${entry.responseTime}ms` : '';
    return `${entry.context ? `${entry.context}: ` : ''}${entry[messageKey] ?? ''}${request}`;
  },
});

export function say(line) {
  process.stdout.write(`${line}\n`);
}

/** `members ready: health on …`, `gateway ready: http://…` (not the route table's `/health/ready`). */
function isStartupLine(entry) {
  return typeof entry.msg === 'string' && /^\w+ ready\b/.test(entry.msg);
}

/** A pino JSON line made readable, null when it is below the threshold; other lines unchanged. */
function formatLine(line) {
  let entry;
  try {
    entry = JSON.parse(line);
  } catch {
    return line;
  }
  if (typeof entry?.level !== 'number') return line;
  if (!VERBOSE && entry.level < WARN && !isStartupLine(entry)) return null;
  return pretty(entry).trimEnd();
}

/** Prints each line of `stream` as `[label] line`, the labels padded to `width`. */
export function printLines(stream, label, width) {
  const prefix = `[${label}]`.padEnd(width);
  readline.createInterface({ input: stream }).on('line', (line) => {
    const text = formatLine(line);
    if (text === null) return;
    say(
      text
        .split('\n')
        .map((part) => `${prefix} ${part}`)
        .join('\n'),
    );
  });
}
