/**
 * The fault suite (`npm run test:faults`): the real platform as processes, on
 * servers of its own, with faults injected. Kept out of `npm test` (the e2e
 * project's jest.config.ts matches *.spec.ts only; these files are *.fault.ts).
 */
module.exports = {
  displayName: 'faults',
  preset: '../../jest.preset.js',
  testMatch: ['<rootDir>/src/faults/**/*.fault.ts'],
  // Each scenario boots the platform, injects a fault and waits for recovery.
  testTimeout: 180_000,
  maxWorkers: 1,
  reporters: ['default', '<rootDir>/faults-reporter.cjs'],
};
