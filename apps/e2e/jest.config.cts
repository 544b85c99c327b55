module.exports = {
  displayName: 'e2e',
  preset: '../../jest.preset.js',
  // The five apps boot once per file; the chain waits on real event delivery.
  testTimeout: 60_000,
  coverageDirectory: '../../coverage/apps/e2e',
};
