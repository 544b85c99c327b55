import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { NotificationPreferences } from './preferences.rpc';

const problemsOf = (plain: object) =>
  validateSync(plainToInstance(NotificationPreferences, plain), { whitelist: true, forbidNonWhitelisted: true }).map((e) => e.property);

describe('notification preferences, as a request carries them', () => {
  it('accepts notification types mapped to booleans, some or none, with a digest mode', () => {
    expect(problemsOf({ email: { 'workshop-scheduled': false, 'registration-confirmed': true }, digest: 'daily' })).toEqual([]);
    expect(problemsOf({ email: {}, digest: 'immediate' })).toEqual([]);
  });

  it.each([
    ['an unknown notification type', { email: { 'birthday-wishes': true }, digest: 'daily' }, ['email']],
    ['a value that is not a boolean', { email: { 'workshop-scheduled': 'no' }, digest: 'daily' }, ['email']],
    ['a list instead of a map', { email: ['workshop-scheduled'], digest: 'daily' }, ['email']],
    ['no e-mail choices', { digest: 'daily' }, ['email']],
    ['an unknown digest mode', { email: {}, digest: 'weekly' }, ['digest']],
    ['an unknown field', { email: {}, digest: 'daily', sms: true }, ['sms']],
  ])('refuses %s', (_case, plain, fields) => {
    expect(problemsOf(plain)).toEqual(fields);
  });
});
