module.exports = {
  displayName: 'e2e',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['@swc/jest', require('../../jest.swc.cjs')],
  },
  moduleFileExtensions: ['ts', 'js'],
  // The five apps boot once per file; the chain waits on real event delivery.
  testTimeout: 60_000,
};
