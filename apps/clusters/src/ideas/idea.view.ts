import { IdeaView } from '@grappes/contracts';
import type { IdeaDocument } from './idea.schema';

export function ideaView(idea: IdeaDocument): IdeaView {
  return {
    id: idea._id,
    clusterId: idea.clusterId,
    title: idea.title,
    kind: idea.kind,
    description: idea.description,
    neededCapabilities: idea.neededCapabilities,
    status: idea.status,
    authorId: idea.authorId,
    authorEmail: idea.authorEmail,
    ...(idea.authorCompanyId ? { authorCompanyId: idea.authorCompanyId } : {}),
    interests: idea.interests.map((i) => ({ companyId: i.companyId, companyName: i.companyName, expressedAt: i.expressedAt.toISOString() })),
    comments: idea.comments.map((c) => ({ ...c, postedAt: c.postedAt.toISOString() })),
    ...(idea.projectId ? { projectId: idea.projectId } : {}),
    lastActivityAt: idea.lastActivityAt.toISOString(),
    createdAt: idea.createdAt.toISOString(),
  };
}
