// The apps' pino JSON lines made readable, each prefixed with the instance's label.

import readline from 'node:readline';

const VERBOSE = process.env.GRAPPES_VERBOSE === '1';
const WARN = 40;
const LEVEL_NAMES = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};
/** pino's bookkeeping, left out of the printed line. */
const QUIET_FIELDS = new Set([
  'level',
  'time',
  'pid',
  'hostname',
  'service',
  'msg',
  'context',
]);

export function say(line) {
  process.stdout.write(`${line}\n`);
}

function timeOf(entry) {
  const time = new Date(entry.time ?? Date.now());
  return Number.isNaN(time.getTime())
    ? ''
    : `${time.toISOString().slice(11, 23)} `;
}

/** The fields beyond the message: a request in one line, an error with its stack. */
function detailsOf(entry) {
  const { req, res, responseTime, err, ...rest } = entry;
  const parts = [];
  if (req && res)
    parts.push(`${req.method} ${req.url} ${res.statusCode} ${responseTime}ms`);
  const extra = Object.fromEntries(
    Object.entries(rest).filter(([key]) => !QUIET_FIELDS.has(key)),
  );
  if (Object.keys(extra).length > 0) parts.push(JSON.stringify(extra));
  const stack = err?.stack ? `\n${err.stack}` : '';
  return (parts.length ? ` ${parts.join(' ')}` : '') + stack;
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
  const level = (LEVEL_NAMES[entry.level] ?? String(entry.level)).padEnd(5);
  const context = entry.context ? `${entry.context}: ` : '';
  return `${timeOf(entry)}${level} ${context}${entry.msg ?? ''}${detailsOf(entry)}`;
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
