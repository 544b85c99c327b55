import { ProjectFigureRow, innovationFigures, overdueMilestones } from './innovation-figures';

const now = new Date('2027-03-01T12:00:00Z');
const past = new Date('2027-02-01T12:00:00Z');
const future = new Date('2027-04-01T12:00:00Z');
const project = (changes: Partial<ProjectFigureRow>): ProjectFigureRow => ({ clusterId: 'k1', status: 'active', kind: 'product', milestones: [], ...changes });

describe('innovation figures', () => {
  it('counts as overdue the milestones not done whose date has passed, in projects under way only', () => {
    const milestones = [{ dueAt: past, done: false }, { dueAt: past, done: true }, { dueAt: future, done: false }];
    expect(overdueMilestones({ status: 'active', milestones }, now)).toBe(1);
    expect(overdueMilestones({ status: 'proposed', milestones }, now)).toBe(1);
    expect(overdueMilestones({ status: 'completed', milestones }, now)).toBe(0);
    expect(overdueMilestones({ status: 'abandoned', milestones }, now)).toBe(0);
  });

  it('counts ideas, projects by status and kind, and overdue milestones, in all and per cluster, naming every status and kind', () => {
    const figures = innovationFigures(['k1', 'k2', 'k2'], [
      project({ milestones: [{ dueAt: past, done: false }] }),
      project({ clusterId: 'k2', status: 'completed', kind: 'process', milestones: [{ dueAt: past, done: false }] }),
      project({ kind: 'innovation', status: 'proposed', milestones: [{ dueAt: past, done: false }, { dueAt: past, done: false }] }),
    ], now);
    expect(figures).toMatchObject({
      ideas: 3, overdueMilestones: 3,
      projectsByStatus: { proposed: 1, active: 1, completed: 1, abandoned: 0 },
      projectsByKind: { product: 1, process: 1, innovation: 1 },
    });
    expect(figures.byCluster).toEqual([
      { clusterId: 'k1', ideas: 1, overdueMilestones: 3, projectsByStatus: { proposed: 1, active: 1, completed: 0, abandoned: 0 }, projectsByKind: { product: 1, process: 0, innovation: 1 } },
      { clusterId: 'k2', ideas: 2, overdueMilestones: 0, projectsByStatus: { proposed: 0, active: 0, completed: 1, abandoned: 0 }, projectsByKind: { product: 0, process: 1, innovation: 0 } },
    ]);
  });

  it('gives zeroes and no cluster when there is nothing yet', () => {
    expect(innovationFigures([], [], now)).toEqual({
      ideas: 0, overdueMilestones: 0, byCluster: [],
      projectsByStatus: { proposed: 0, active: 0, completed: 0, abandoned: 0 }, projectsByKind: { product: 0, process: 0, innovation: 0 },
    });
  });
});
