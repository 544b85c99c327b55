// Who hears of ideas and projects (audiences.ts), against a real MongoDB-wire
// server: the people's events (members stream) and the ideas' and projects'
// (clusters stream) arrive in either order, and twice.
import { EventEnvelope } from '@grappes/contracts';
import { uniqueName } from '@grappes/testing';
import { AFTER, AT, BEFORE, LATER, ORDERS, inboxOf } from '../testing/arrival';
import { NotificationsHarness } from '../testing/harness';
import { Person, idea, ideaPosted, interestExpressed, person, personAdded, project, projectLaunched, projectUpdated } from '../testing/events';
import { NoticesModule } from './notices.module';

let harness: NotificationsHarness;

beforeAll(async () => {
  harness = await NotificationsHarness.start([NoticesModule]);
});

afterAll(() => harness?.close());

/** Delivers everything twice in the given order, checking after each round that everyone was told exactly what `expected` says. */
async function twice(events: EventEnvelope[], everyone: Person[], expected: string[][]): Promise<void> {
  for (let round = 0; round < 2; round++) {
    await harness.deliver(...events);
    expect(await Promise.all(everyone.map((p) => inboxOf(harness, p)))).toEqual(expected);
  }
}

describe.each(ORDERS)('ideas, with %s', (_order, arrange) => {
  it("tells the coordinating company's admins of a new idea once, and not its plain members, the author or staff", async () => {
    const [coordination, authors] = [uniqueName('co'), uniqueName('co')];
    const [coordinator, coordinatorMember, author, staff] = [
      person('company-admin', coordination), person('member', coordination), person('member', authors), person('federation-admin'),
    ];
    const people = [coordinator, coordinatorMember, author, staff].map((p) => personAdded(p, BEFORE));

    await twice(arrange(people, [ideaPosted(idea(author), AT, coordination)]), [coordinator, coordinatorMember, author, staff], [
      ['idea-posted:notice'], [], [], [],
    ]);
  });

  it('does not tell a coordinator of their own idea, nor anyone when the cluster has no coordinator', async () => {
    const coordination = uniqueName('co');
    const [author, otherAdmin] = [person('company-admin', coordination), person('company-admin', coordination)];
    const people = [author, otherAdmin].map((p) => personAdded(p, BEFORE));

    await twice(arrange(people, [ideaPosted(idea(author), AT, coordination), ideaPosted(idea(otherAdmin), AT)]), [author, otherAdmin], [
      [], ['idea-posted:notice'],
    ]);
  });

  it("tells the idea's author of each company's interest once, and not the author's colleagues", async () => {
    const authors = uniqueName('co');
    const [author, colleague] = [person('member', authors), person('company-admin', authors)];
    const i = idea(author);
    const facts = [interestExpressed(i, AT, uniqueName('co'), 2), interestExpressed(i, AFTER, uniqueName('co'), 3)];

    await twice(arrange([personAdded(author, BEFORE), personAdded(colleague, BEFORE)], facts), [author, colleague], [
      ['interest-expressed:author', 'interest-expressed:author'], [],
    ]);
  });
});

describe.each(ORDERS)('projects, with %s', (_order, arrange) => {
  it("tells the partner companies' people of a launch once each, not other companies nor people added after it", async () => {
    const [a, b, other] = [uniqueName('co'), uniqueName('co'), uniqueName('co')];
    const [adminA, memberA, memberB, outsider, newcomer] = [
      person('company-admin', a), person('member', a), person('member', b), person('company-admin', other), person('member', a),
    ];
    const people = [adminA, memberA, memberB, outsider].map((p) => personAdded(p, BEFORE)).concat(personAdded(newcomer, AFTER));

    await twice(arrange(people, [projectLaunched(project([a, b]), AT)]), [adminA, memberA, memberB, outsider, newcomer], [
      ['project-launched:partner'], ['project-launched:partner'], ['project-launched:partner'], [], [],
    ]);
  });

  it("tells the partners' people of each change of status, and of nothing else", async () => {
    const partner = uniqueName('co');
    const [admin, member] = [person('company-admin', partner), person('member', partner)];
    const p = project([partner]);
    const facts = [
      projectUpdated(p, AT, 2, 'proposed'), projectUpdated(p, AFTER, 3, 'active', 'proposed'), projectUpdated(p, LATER, 4, 'completed', 'active'),
    ];

    await twice(arrange([personAdded(admin, BEFORE), personAdded(member, BEFORE)], facts), [admin, member], [
      ['project-updated:partner', 'project-updated:partner'], ['project-updated:partner', 'project-updated:partner'],
    ]);
  });
});
