#!/usr/bin/env node
// `npm run dead-letters`: list the events that failed their last attempt, and
// replay them once the cause is fixed.
//
//   npm run dead-letters -- list   [--service S] [--json] [--limit N]
//   npm run dead-letters -- replay [--service S] [--seq N] [--limit N]
//
// NATS_URL selects the server (default nats://127.0.0.1:4222; user and password
// may be in it). The command is libs/messaging's (src/operator/), run here from
// its TypeScript source, so that it is the very code its tests prove. Needs the
// dependencies installed (npm ci).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const entry = path.join(REPO, 'libs', 'messaging', 'src', 'operator', 'dead-letters.main.ts');
const { status, error } = spawnSync(process.execPath, ['-r', '@swc-node/register', entry, ...process.argv.slice(2)], {
  cwd: REPO,
  stdio: 'inherit',
  env: { ...process.env, SWC_NODE_PROJECT: path.join(REPO, 'tsconfig.base.json') },
});
if (error) console.error(`dead-letters: ${error.message}`);
process.exit(status ?? 1);
