import { LOCALES } from '@grappes/contracts';
import { AUDIENCES } from '../notices/audiences';
import { MESSAGE_KEYS, render } from './messages';

/** Data with every field any event of the table carries, so that each message can be written. */
const ANY_DATA = {
  clusterId: 'c1', clusterName: 'Grappe Boîtiers', companyId: 'co1', companyName: 'Boîtiers du Doubs', name: 'Boîtiers du Doubs',
  joinedAt: '2026-03-02T09:00:00.000Z', workshopId: 'w1', title: 'Atelier étanchéité', workshopTitle: 'Atelier étanchéité',
  startsAt: '2026-06-10T07:30:00.000Z', location: 'Morteau', attendeeEmail: 'ada@doubs.example', position: 2, reason: 'attendee',
  attendees: [{ registrationId: 'r1', attendeeEmail: 'ada@doubs.example', companyId: 'co1' }],
  ideaId: 'i1', authorId: 'p1', authorEmail: 'lea@doubs.example', coordinatorCompanyId: 'co2', projectId: 'pr1', kind: 'innovation',
  status: 'active', previousStatus: 'proposed', partnerCompanyIds: ['co1'], formerPartnerCompanyIds: [],
};

describe('messages', () => {
  it.each([...AUDIENCES.keys()])('has a message in every language for each kind that %s is addressed with', (type) => {
    const name = type.replace(/^grappes\.[a-z-]+\.|\.v\d+$/g, '');
    for (const { kind } of AUDIENCES.get(type)!(ANY_DATA)) expect(MESSAGE_KEYS).toContain(`${name}:${kind}`);
  });

  it.each(MESSAGE_KEYS)('writes %s in French and in English from the event data, leaving nothing undefined', (key) => {
    const [type, kind] = key.split(':');
    for (const locale of LOCALES) {
      const { title, body } = render(type, kind, ANY_DATA, locale);
      expect(`${title} ${body}`).not.toMatch(/undefined|null|NaN/);
      expect(title.length * body.length).toBeGreaterThan(0);
    }
  });

  it('writes dates as Paris wall-clock time in the reader’s language', () => {
    expect(render('registration-confirmed', 'attendee', ANY_DATA, 'fr').body).toContain('mercredi 10 juin 2026 à 09:30');
    expect(render('registration-confirmed', 'attendee', ANY_DATA, 'en').body).toContain('Wednesday, 10 June 2026 at 09:30');
  });
});
