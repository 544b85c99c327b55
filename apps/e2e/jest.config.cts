module.exports = {
  displayName: 'e2e',
  preset: '../../jest.preset.js',
  // Above every wait a test or hook makes: the platform's start waits up to 90 s
  // for readiness (READY_WITHIN_MS in support/platform.ts), and the most one test
  // waits on event delivery in all is 40 s (notification-stream: four waitFor of 10 s).
  testTimeout: 150_000,
  coverageDirectory: '../../coverage/apps/e2e',
};
