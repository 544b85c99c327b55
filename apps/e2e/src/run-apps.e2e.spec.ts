import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { exited } from './support/platform';

const SCRIPT = join(__dirname, '..', '..', '..', 'scripts', 'run-apps.mjs');

/** Runs `npm start`'s app runner with `env`, expecting it to refuse before any app starts. */
async function runApps(env: Record<string, string>): Promise<{ code: number | null; lines: string[] }> {
  const child = spawn(process.execPath, [SCRIPT], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const code = await exited(child);
  return { code, lines: output.trim().split('\n') };
}

describe('npm start with GRAPPES_SCALE', () => {
  it.each([
    ['an unknown app', 'clusters=2,ateliers=2', '"ateliers=2" names no app'],
    ['a number that is not a whole one', 'clusters=two', '"clusters=two": the number of instances must be a whole number from 1 to 9'],
    ['no instance at all', 'notifications=0', '"notifications=0": the number of instances must be'],
    ['a second gateway on the one public port', 'gateway=2', '"gateway=2": only one gateway can hold the public port'],
  ])('refuses %s in one line, with a non-zero exit', async (_, scale, message) => {
    const { code, lines } = await runApps({ GRAPPES_SCALE: scale });

    expect(code).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`GRAPPES_SCALE: ${message}`);
  });

  it("puts instance n on its app's port + 10·(n−1), and refuses a port given twice", async () => {
    const { code, lines } = await runApps({ GRAPPES_SCALE: 'members=2', MEMBERS_PORT: '45001', CLUSTERS_PORT: '45011' });

    expect(code).toBe(1);
    expect(lines).toEqual(['port 45011 would serve both members#2 and clusters: move one with CLUSTERS_PORT=<port>']);
  });
});
