// Writes reliability/results.json after a run of the fault suite: one entry per
// scenario (test), its figures as the test recorded them (src/faults/support/scenario.ts)
// and `passed` as jest saw it. A scenario that failed before recording has null figures.
const { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const os = require('node:os');

const ROOT = join(__dirname, '..', '..', 'reliability');
const FIGURES = join(ROOT, '.figures');

class FaultResultsReporter {
  onRunStart() {
    rmSync(FIGURES, { recursive: true, force: true });
    this.started = Date.now();
  }

  onRunComplete(_contexts, results) {
    const figures = new Map();
    if (existsSync(FIGURES)) {
      for (const file of readdirSync(FIGURES)) {
        const entry = JSON.parse(readFileSync(join(FIGURES, file), 'utf8'));
        figures.set(entry.name, entry);
      }
    }
    // In the order: the files are numbered (1-notifications-crash.fault.ts, …).
    const files = [...results.testResults].sort((a, b) => a.testFilePath.localeCompare(b.testFilePath, 'en', { numeric: true }));
    const scenarios = files.flatMap((file) =>
      file.testResults.map((test) => {
        const name = test.fullName;
        const f = figures.get(name) ?? {};
        return {
          scenario: require('node:path').basename(file.testFilePath).replace(/\.fault\.ts$/, ''),
          name,
          sent: f.sent ?? null,
          effects: f.effects ?? null,
          lost: f.lost ?? null,
          duplicates: f.duplicates ?? null,
          recoverySeconds: f.recoverySeconds ?? null,
          passed: test.status === 'passed',
          durationSeconds: Math.round((test.duration ?? 0) / 100) / 10,
          ...(f.notes ? { notes: f.notes } : {}),
        };
      }),
    );
    mkdirSync(ROOT, { recursive: true });
    const report = {
      finishedAt: new Date().toISOString(),
      durationSeconds: Math.round((Date.now() - this.started) / 1000),
      machine: { cpus: os.cpus().length, node: process.version },
      scenarios,
    };
    writeFileSync(join(ROOT, 'results.json'), JSON.stringify(report, null, 2) + '\n');
    rmSync(FIGURES, { recursive: true, force: true });
  }
}

module.exports = FaultResultsReporter;
