// Entry of `npm run dead-letters` (scripts/dead-letters.mjs runs it from source).
import { deadLettersCommand } from './dead-letters.command';

void deadLettersCommand(process.argv.slice(2)).then((code) => (process.exitCode = code));
