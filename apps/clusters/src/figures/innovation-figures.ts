import { CountBy, InnovationCounts, InnovationFigures, PROJECT_KINDS, PROJECT_STATUSES, ProjectKind, ProjectStatus } from '@grappes/contracts';

/** What the figures read of a project. */
export interface ProjectFigureRow {
  clusterId: string;
  status: ProjectStatus;
  kind: ProjectKind;
  milestones: { dueAt: Date; done: boolean }[];
}

/** A project still under way can be late; a completed or abandoned one no longer. */
const RUNNING: ReadonlySet<ProjectStatus> = new Set(['proposed', 'active']);

const zeroes = <K extends string>(keys: readonly K[]): CountBy<K> => Object.fromEntries(keys.map((k) => [k, 0])) as CountBy<K>;
const empty = (): InnovationCounts => ({ ideas: 0, projectsByStatus: zeroes(PROJECT_STATUSES), projectsByKind: zeroes(PROJECT_KINDS), overdueMilestones: 0 });

/** Milestones not done and past due, in a project still under way. */
export function overdueMilestones(project: Pick<ProjectFigureRow, 'status' | 'milestones'>, now: Date): number {
  if (!RUNNING.has(project.status)) return 0;
  return project.milestones.filter((m) => !m.done && m.dueAt.getTime() < now.getTime()).length;
}

/** The innovation space in figures, in all and per cluster (clusters by id, those with neither idea nor project left out). */
export function innovationFigures(ideaClusterIds: string[], projects: ProjectFigureRow[], now: Date): InnovationFigures {
  const total = empty();
  const byCluster = new Map<string, InnovationCounts>();
  const of = (clusterId: string) => byCluster.get(clusterId) ?? byCluster.set(clusterId, empty()).get(clusterId)!;
  for (const clusterId of ideaClusterIds) {
    for (const counts of [total, of(clusterId)]) counts.ideas++;
  }
  for (const project of projects) {
    const overdue = overdueMilestones(project, now);
    for (const counts of [total, of(project.clusterId)]) {
      counts.projectsByStatus[project.status]++;
      counts.projectsByKind[project.kind]++;
      counts.overdueMilestones += overdue;
    }
  }
  return {
    ...total,
    byCluster: [...byCluster].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([clusterId, counts]) => ({ clusterId, ...counts })),
  };
}
