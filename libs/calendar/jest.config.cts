module.exports = {
  displayName: 'calendar',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/calendar',
};
