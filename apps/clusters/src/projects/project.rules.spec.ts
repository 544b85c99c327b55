import { PROJECTS_EVENTS, Principal, ProjectStatus } from '@grappes/contracts';
import { ClusterAccess } from '../clusters/cluster-access';
import { assertMayUpdate, assertStatusMove, launch, overdueMilestones, partnerLeft, partnersAmong, update } from './project.rules';
import type { ProjectDocument } from './project.schema';

const refused = (code: string) => expect.objectContaining({ code });

function launched() {
  return launch({
    clusterId: 'c1', clusterName: 'Grappe Boîtiers', title: 'Boîtier titane', kind: 'product',
    partners: [{ companyId: 'alpha', companyName: 'Alpha' }, { companyId: 'beta', companyName: 'Beta' }],
  }, 'p1');
}

function aProject(status: ProjectStatus = 'proposed'): ProjectDocument {
  return { ...launched(), status, pendingEvents: [], createdAt: new Date(), updatedAt: new Date() };
}

const accessOf = (companyId: string | undefined, role: Principal['roles'][number]): ClusterAccess => ({
  principal: { id: 'x', email: 'x@example.org', companyId, roles: [role] },
  coordinatorCompanyId: 'coord',
  memberCompanyIds: new Set(['coord', 'alpha', 'beta', 'gamma']),
});

describe('project rules', () => {
  it.each([
    ['proposed', 'active'], ['active', 'completed'], ['active', 'abandoned'],
  ] as const)('allows a project %s to become %s', (from, to) => {
    expect(() => assertStatusMove(from, to)).not.toThrow();
  });

  it.each([
    ['proposed', 'completed'], ['proposed', 'abandoned'], ['active', 'proposed'],
    ['completed', 'active'], ['abandoned', 'active'], ['completed', 'abandoned'],
  ] as const)('refuses a project %s becoming %s with PROJECT.STATUS_MOVE_REFUSED', (from, to) => {
    expect(() => assertStatusMove(from, to)).toThrow(refused('PROJECT.STATUS_MOVE_REFUSED'));
  });

  it('launches a project as proposed, with a project-launched event naming its partners at version 1', () => {
    const project = launched();
    expect(project.status).toBe('proposed');
    expect(project.pendingEvents).toEqual([expect.objectContaining({
      type: PROJECTS_EVENTS.projectLaunched.type, subject: 'clusters/c1/projects/p1', aggregateversion: 1,
      data: expect.objectContaining({ projectId: 'p1', status: 'proposed', partnerCompanyIds: ['alpha', 'beta'], formerPartnerCompanyIds: [] }),
    })]);
  });

  it('refuses partners that are not member companies of the cluster, naming them', () => {
    const members = [{ companyId: 'alpha', companyName: 'Alpha' }];
    expect(() => partnersAmong(['alpha', 'stranger'], members)).toThrow(
      expect.objectContaining({ code: 'PROJECT.PARTNER_NOT_MEMBER', details: { companyIds: ['stranger'] } }),
    );
    expect(partnersAmong(['alpha'], members)).toEqual([{ companyId: 'alpha', companyName: 'Alpha' }]);
  });

  it('records a status move in project-updated with the previous status, and gives new milestones ids', () => {
    const change = update(aProject(), { status: 'active', milestones: [{ title: 'Prototype', dueAt: '2027-06-30T18:00:00+02:00' }] });
    expect(change.set).toEqual(expect.objectContaining({ status: 'active', milestones: [expect.objectContaining({ title: 'Prototype', done: false, id: expect.any(String) })] }));
    expect(change.events[0]).toEqual(expect.objectContaining({
      type: PROJECTS_EVENTS.projectUpdated.type, aggregateversion: 2, data: expect.objectContaining({ status: 'active', previousStatus: 'proposed' }),
    }));
  });

  it('keeps the ids of milestones it is given, and leaves out previousStatus when the status does not move', () => {
    const change = update(aProject('active'), { milestones: [{ id: 'm1', title: 'Série', dueAt: '2027-09-01T09:00:00+02:00', done: true }] });
    expect(change.set?.['milestones']).toEqual([{ id: 'm1', title: 'Série', dueAt: new Date('2027-09-01T07:00:00Z'), done: true }]);
    expect(change.events[0].data).not.toHaveProperty('previousStatus');
  });

  it("lets staff, the coordinator and current partners' company-admins update, and no one else", () => {
    const project = aProject();
    for (const access of [accessOf(undefined, 'federation-admin'), accessOf('coord', 'company-admin'), accessOf('alpha', 'company-admin')]) {
      expect(() => assertMayUpdate(access, project)).not.toThrow();
    }
    for (const access of [accessOf('alpha', 'member'), accessOf('gamma', 'company-admin'), accessOf('coord', 'member')]) {
      expect(() => assertMayUpdate(access, project)).toThrow(refused('AUTH.FORBIDDEN'));
    }
  });

  it('keeps a departed partner listed as former, no longer allowed to update, and does nothing the second time', () => {
    const project = aProject();
    const change = partnerLeft(project, 'alpha', new Date('2027-01-01T00:00:00Z'))!;
    expect(change.events[0].data).toEqual(expect.objectContaining({ partnerCompanyIds: ['beta'], formerPartnerCompanyIds: ['alpha'] }));
    const after = { ...project, ...change.set } as ProjectDocument;
    expect(() => assertMayUpdate(accessOf('alpha', 'company-admin'), after)).toThrow(refused('AUTH.FORBIDDEN'));
    expect(partnerLeft(after, 'alpha', new Date())).toBeUndefined();
  });

  it('counts as overdue the milestones past due and not done', () => {
    const now = new Date('2027-07-01T00:00:00Z');
    const milestones = [
      { id: 'late', title: 'a', dueAt: new Date('2027-06-01T00:00:00Z'), done: false },
      { id: 'done', title: 'b', dueAt: new Date('2027-06-01T00:00:00Z'), done: true },
      { id: 'ahead', title: 'c', dueAt: new Date('2027-08-01T00:00:00Z'), done: false },
    ];
    expect(overdueMilestones({ milestones }, now).map((m) => m.id)).toEqual(['late']);
  });
});
