import { ProjectView } from '@grappes/contracts';
import { currentPartners } from './project.rules';
import type { ProjectDocument } from './project.schema';

export function projectView(project: ProjectDocument): ProjectView {
  return {
    id: project._id,
    clusterId: project.clusterId,
    title: project.title,
    kind: project.kind,
    ...(project.description !== undefined ? { description: project.description } : {}),
    status: project.status,
    partnerCompanyIds: currentPartners(project).map((p) => p.companyId),
    partners: project.partners.map((p) => ({ companyId: p.companyId, companyName: p.companyName, former: !!p.leftAt })),
    milestones: project.milestones.map((m) => ({ id: m.id, title: m.title, dueAt: m.dueAt.toISOString(), done: m.done })),
    ...(project.ideaId ? { ideaId: project.ideaId } : {}),
    createdAt: project.createdAt.toISOString(),
    updatedAt: project.updatedAt.toISOString(),
  };
}
