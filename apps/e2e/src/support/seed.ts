import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ADMIN } from './platform';

export const ROOT = join(__dirname, '..', '..', '..', '..');

/** Runs `npm run seed`'s script as an operator would, against a test's platform. */
export function runSeed(baseUrl: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'scripts', 'seed.mjs')], {
      env: { ...process.env, GRAPPES_URL: baseUrl, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => resolve({ code, output }));
  });
}
