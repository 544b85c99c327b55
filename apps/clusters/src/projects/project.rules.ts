import {
  DomainError, ERRORS, MilestoneInput, PROJECTS_EVENTS, ProjectKind, ProjectSnapshot, ProjectStatus, UpdateProjectBody,
} from '@grappes/contracts';
import { createEvent } from '@grappes/messaging';
import { randomUUID } from 'node:crypto';
import { ClusterAccess, isCompanyAdminOf, isCoordinatorAdmin, isStaff } from '../clusters/cluster-access';
import type { Change } from '../aggregates/versioned-update';
import type { Milestone, Project, ProjectDocument, ProjectPartner } from './project.schema';

/** The only moves a project's status may make. */
export const STATUS_MOVES: Record<ProjectStatus, readonly ProjectStatus[]> = {
  proposed: ['active'],
  active: ['completed', 'abandoned'],
  completed: [],
  abandoned: [],
};

export function assertStatusMove(from: ProjectStatus, to: ProjectStatus): void {
  if (from === to || STATUS_MOVES[from].includes(to)) return;
  throw new DomainError(ERRORS.PROJECT_STATUS_MOVE_REFUSED, `A project ${from} cannot become ${to}`, { from, to, allowed: STATUS_MOVES[from] });
}

export const currentPartners = (project: Pick<Project, 'partners'>): ProjectPartner[] => project.partners.filter((p) => !p.leftAt);

/** Federation staff, the coordinator, and the company-admins of the project's current partners. */
export function assertMayUpdate(access: ClusterAccess, project: Pick<Project, 'partners'>): void {
  if (isStaff(access) || isCoordinatorAdmin(access)) return;
  if (currentPartners(project).some((p) => isCompanyAdminOf(access.principal, p.companyId))) return;
  throw new DomainError(ERRORS.FORBIDDEN, "Only federation staff, the coordinator and the partners' company-admins update a project");
}

/** Partners must be member companies of the cluster now. */
export function partnersAmong(partnerCompanyIds: string[], members: { companyId: string; companyName: string }[]): ProjectPartner[] {
  const partners = members.filter((m) => partnerCompanyIds.includes(m.companyId));
  const strangers = partnerCompanyIds.filter((id) => !partners.some((p) => p.companyId === id));
  if (strangers.length) {
    throw new DomainError(ERRORS.PROJECT_PARTNER_NOT_MEMBER, 'Partners must be member companies of the cluster', { companyIds: strangers });
  }
  // In the order the caller named them.
  return partnerCompanyIds.flatMap((id) => partners.filter((p) => p.companyId === id)).map(({ companyId, companyName }) => ({ companyId, companyName }));
}

export interface NewProject {
  clusterId: string;
  clusterName: string;
  title: string;
  kind: ProjectKind;
  description?: string;
  partners: ProjectPartner[];
  ideaId?: string;
}

/** A new project, `proposed`, with its `project-launched` event, ready to insert. */
export function launch(input: NewProject, id: string = randomUUID()): Omit<ProjectDocument, 'createdAt' | 'updatedAt'> {
  const project = { _id: id, ...input, status: 'proposed' as const, milestones: [], version: 1 };
  const event = createEvent(PROJECTS_EVENTS.projectLaunched, aggregateOf(project), snapshotOf(project));
  return { ...project, pendingEvents: [event] };
}

/** A PATCH: the fields it names change; `milestones` replaces the list, keeping the ids it names. */
export function update(project: ProjectDocument, body: UpdateProjectBody): Change {
  if (body.status) assertStatusMove(project.status, body.status);
  const set: Partial<Project> = {};
  if (body.title !== undefined) set.title = body.title;
  if (body.description !== undefined) set.description = body.description;
  if (body.status !== undefined) set.status = body.status;
  if (body.milestones !== undefined) set.milestones = body.milestones.map(milestoneOf);
  const next = { ...project, ...set, version: project.version + 1 };
  const moved = body.status && body.status !== project.status ? project.status : undefined;
  return { set, events: [createEvent(PROJECTS_EVENTS.projectUpdated, aggregateOf(next), snapshotOf(next, moved))] };
}

/** A partner that left the cluster stays listed as a former one; nothing to do if it is not a current partner. */
export function partnerLeft(project: ProjectDocument, companyId: string, leftAt: Date): Change | undefined {
  if (!currentPartners(project).some((p) => p.companyId === companyId)) return undefined;
  const partners = project.partners.map((p) => (p.companyId === companyId && !p.leftAt ? { ...p, leftAt } : p));
  const next = { ...project, partners, version: project.version + 1 };
  return { set: { partners }, events: [createEvent(PROJECTS_EVENTS.projectUpdated, aggregateOf(next), snapshotOf(next))] };
}

/** Milestones whose due time has passed and that are not done. */
export const overdueMilestones = (project: Pick<Project, 'milestones'>, now: Date): Milestone[] =>
  project.milestones.filter((m) => !m.done && m.dueAt.getTime() < now.getTime());

function milestoneOf(input: MilestoneInput): Milestone {
  return { id: input.id ?? randomUUID(), title: input.title, dueAt: new Date(input.dueAt), done: input.done ?? false };
}

type Snapshotted = Pick<ProjectDocument, '_id' | 'clusterId' | 'clusterName' | 'title' | 'kind' | 'status' | 'partners' | 'ideaId' | 'version'>;

const aggregateOf = (project: Snapshotted) => ({ subject: `clusters/${project.clusterId}/projects/${project._id}`, version: project.version });

function snapshotOf(project: Snapshotted, previousStatus?: ProjectStatus): ProjectSnapshot {
  return {
    projectId: project._id,
    clusterId: project.clusterId,
    clusterName: project.clusterName,
    title: project.title,
    kind: project.kind,
    status: project.status,
    ...(previousStatus ? { previousStatus } : {}),
    partnerCompanyIds: currentPartners(project).map((p) => p.companyId),
    formerPartnerCompanyIds: project.partners.filter((p) => p.leftAt).map((p) => p.companyId),
    ...(project.ideaId ? { ideaId: project.ideaId } : {}),
    version: project.version,
  };
}
