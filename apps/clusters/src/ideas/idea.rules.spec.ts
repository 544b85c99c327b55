import { IDEAS_EVENTS, Principal } from '@grappes/contracts';
import { close, comment, expressInterest, interestLost, launchAsProject, post, withdrawInterest } from './idea.rules';
import type { IdeaDocument } from './idea.schema';

const author: Principal = { id: 'person-1', email: 'lea@alpha.example', companyId: 'alpha', roles: ['member'] };
const now = new Date('2027-01-10T10:00:00Z');
const alpha = { companyId: 'alpha', companyName: 'Alpha' };
const refused = (code: string) => expect.objectContaining({ code });

function anIdea(changes: Partial<IdeaDocument> = {}): IdeaDocument {
  const posted = post({ _id: 'c1', name: 'Grappe Cadrans' }, author, {
    title: 'Cadran en émail grand feu', kind: 'innovation', description: 'Un procédé partagé', neededCapabilities: ['dials'],
  }, now, 'i1');
  return { ...posted, pendingEvents: [], createdAt: now, ...changes };
}

describe('idea rules', () => {
  it('posts an open idea with an idea-posted event naming its author and needed capabilities', () => {
    const posted = post({ _id: 'c1', name: 'Grappe Cadrans' }, author, {
      title: 'Cadran', kind: 'product', description: 'd', neededCapabilities: ['dials', 'cases'],
    }, now, 'i2');
    expect(posted.status).toBe('open');
    expect(posted.pendingEvents).toEqual([expect.objectContaining({
      type: IDEAS_EVENTS.ideaPosted.type, subject: 'clusters/c1/ideas/i2', aggregateversion: 1,
      data: expect.objectContaining({ authorEmail: 'lea@alpha.example', authorCompanyId: 'alpha', neededCapabilities: ['dials', 'cases'] }),
    })]);
  });

  it("names the cluster's coordinating company in idea-posted, so that its admins can be told, and none when there is no coordinator", () => {
    const body = { title: 'Cadran', kind: 'product' as const, description: 'd', neededCapabilities: ['dials' as const] };
    const coordinated = post({ _id: 'c1', name: 'Grappe Cadrans', coordinatorCompanyId: 'coord' }, author, body, now, 'i3');
    expect(coordinated.pendingEvents[0].data).toEqual(expect.objectContaining({ coordinatorCompanyId: 'coord' }));
    const uncoordinated = post({ _id: 'c1', name: 'Grappe Cadrans' }, author, body, now, 'i4');
    expect(uncoordinated.pendingEvents[0].data).not.toHaveProperty('coordinatorCompanyId');
  });

  it("records a company's interest with an interest-expressed event for the author, and refuses a second one", () => {
    const change = expressInterest(anIdea(), alpha, now);
    expect(change.events[0]).toEqual(expect.objectContaining({
      type: IDEAS_EVENTS.interestExpressed.type, aggregateversion: 2,
      data: expect.objectContaining({ companyId: 'alpha', companyName: 'Alpha', authorEmail: 'lea@alpha.example' }),
    }));
    const interested = anIdea({ interests: [{ ...alpha, expressedAt: now }] });
    expect(() => expressInterest(interested, alpha, now)).toThrow(refused('IDEA.ALREADY_INTERESTED'));
  });

  it('withdraws an interest once, and refuses to withdraw one the company does not have', () => {
    const interested = anIdea({ interests: [{ ...alpha, expressedAt: now }] });
    expect(withdrawInterest(interested, 'alpha', now).pull).toEqual({ interests: { companyId: 'alpha' } });
    expect(() => withdrawInterest(anIdea(), 'alpha', now)).toThrow(refused('IDEA.NO_INTEREST'));
  });

  it('closes an open idea with idea-closed, and launches one naming its project', () => {
    expect(close(anIdea(), now).events[0]).toEqual(expect.objectContaining({
      type: IDEAS_EVENTS.ideaClosed.type, data: expect.objectContaining({ status: 'closed' }),
    }));
    const launched = launchAsProject(anIdea(), 'p9', now);
    expect(launched.set).toEqual(expect.objectContaining({ status: 'launched', projectId: 'p9' }));
    expect(launched.events[0].data).toEqual(expect.objectContaining({ status: 'launched', projectId: 'p9' }));
  });

  it.each(['closed', 'launched'] as const)('refuses comments, interest, closing and launching once the idea is %s', (status) => {
    const ended = anIdea({ status });
    expect(() => comment(ended, author, 'Bravo', now)).toThrow(refused('IDEA.NOT_OPEN'));
    expect(() => expressInterest(ended, alpha, now)).toThrow(refused('IDEA.NOT_OPEN'));
    expect(() => close(ended, now)).toThrow(refused('IDEA.NOT_OPEN'));
    expect(() => launchAsProject(ended, 'p', now)).toThrow(refused('IDEA.NOT_OPEN'));
  });

  it('takes away the interest of a company that left the cluster from an open idea only', () => {
    const interests = [{ ...alpha, expressedAt: now }];
    expect(interestLost(anIdea({ interests }), 'alpha')?.pull).toEqual({ interests: { companyId: 'alpha' } });
    expect(interestLost(anIdea({ interests, status: 'launched' }), 'alpha')).toBeUndefined();
    expect(interestLost(anIdea(), 'alpha')).toBeUndefined();
  });

  it('moves an idea up the list when commented', () => {
    const later = new Date('2027-02-01T00:00:00Z');
    expect(comment(anIdea(), author, 'Nous avons un four', later).set).toEqual({ lastActivityAt: later });
  });
});
