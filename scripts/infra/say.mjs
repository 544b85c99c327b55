/** Status lines go to stderr, so that the command's stdout stays its own. */
export function say(line) {
  process.stderr.write(`${line}\n`);
}
