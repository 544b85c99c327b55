const { nxPreset } = require('@nx/jest/preset/jest-preset');

// Every project transforms with @swc/jest (see jest.swc.cjs), so ts-jest is not needed.
const { transform: _tsJest, ...preset } = nxPreset;

// Nest and class-transformer read decorator metadata, which the app entry points load first.
module.exports = {
  ...preset,
  testEnvironment: 'node',
  transform: { '^.+\\.[tj]s$': ['@swc/jest', require('./jest.swc.cjs')] },
  setupFiles: ['reflect-metadata'],
};
