module.exports = {
  displayName: 'workshops',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/workshops',
};
