import { Injectable } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import {
  ClusterMemberView, CommentIdea, DomainError, ERRORS, IdeaNeeds, IdeaRef, IdeaView, ListIdeas, Page, PostIdea, Principal, ProjectView, pageOf,
} from '@grappes/contracts';
import { inTransaction } from '@grappes/messaging';
import { Connection, Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { changeVersioned, updateOf } from '../aggregates/versioned-update';
import { ClusterAccess, assertCoordinates, assertTakesPart } from '../clusters/cluster-access';
import { ClusterAccessService } from '../clusters/cluster-access.service';
import { projectView } from '../projects/project.view';
import { ProjectsService } from '../projects/projects.service';
import { close, comment, expressInterest, interestLost, launchAsProject, post, withdrawInterest } from './idea.rules';
import { Idea, IdeaDocument } from './idea.schema';
import { ideaView } from './idea.view';

const notFound = (ideaId: string) => () => new DomainError(ERRORS.IDEA_NOT_FOUND, `No idea ${ideaId} in this cluster`);

@Injectable()
export class IdeasService {
  constructor(
    @InjectModel(Idea.name) private readonly ideas: Model<IdeaDocument>,
    @InjectConnection() private readonly connection: Connection,
    private readonly clusters: ClusterAccessService,
    private readonly projects: ProjectsService,
  ) {}

  async post({ clusterId, ...body }: PostIdea, principal: Principal): Promise<IdeaView> {
    const { cluster, access } = await this.clusters.of(clusterId, principal);
    assertTakesPart(access);
    const [created] = await this.ideas.create([post(cluster, principal, body, new Date())]);
    return ideaView(created.toObject());
  }

  async list({ clusterId, kind, status, ...query }: ListIdeas, principal: Principal): Promise<Page<IdeaView>> {
    assertTakesPart((await this.clusters.of(clusterId, principal)).access);
    const { page, limit, skip } = pageOf(query);
    const filter = { clusterId, ...(kind ? { kind } : {}), ...(status ? { status } : {}) };
    const [ideas, total] = await Promise.all([
      this.ideas.find(filter).sort({ lastActivityAt: -1, _id: 1 }).skip(skip).limit(limit).lean<IdeaDocument[]>(),
      this.ideas.countDocuments(filter),
    ]);
    return { items: ideas.map(ideaView), total, page, limit };
  }

  async comment({ clusterId, ideaId, text }: CommentIdea, principal: Principal): Promise<IdeaView> {
    assertTakesPart((await this.clusters.of(clusterId, principal)).access);
    const now = new Date();
    return ideaView(await changeVersioned(this.ideas, { _id: ideaId, clusterId }, notFound(ideaId), (idea) => comment(idea, principal, text, now)));
  }

  /** On behalf of the caller's company, which must be a member of the cluster. */
  async expressInterest({ clusterId, ideaId }: IdeaRef, principal: Principal): Promise<IdeaView> {
    const { members, access } = await this.clusters.of(clusterId, principal);
    const member = this.interestedCompany(access, members);
    const company = { companyId: member.companyId, companyName: member.companyName };
    const now = new Date();
    return ideaView(await changeVersioned(this.ideas, { _id: ideaId, clusterId }, notFound(ideaId), (idea) => expressInterest(idea, company, now)));
  }

  async withdrawInterest({ clusterId, ideaId }: IdeaRef, principal: Principal): Promise<void> {
    const { members, access } = await this.clusters.of(clusterId, principal);
    const { companyId } = this.interestedCompany(access, members);
    const now = new Date();
    await changeVersioned(this.ideas, { _id: ideaId, clusterId }, notFound(ideaId), (idea) => withdrawInterest(idea, companyId, now));
  }

  async close({ clusterId, ideaId }: IdeaRef, principal: Principal): Promise<IdeaView> {
    assertCoordinates((await this.clusters.of(clusterId, principal)).access);
    const now = new Date();
    return ideaView(await changeVersioned(this.ideas, { _id: ideaId, clusterId }, notFound(ideaId), (idea) => close(idea, now)));
  }

  /**
   * The idea becomes a project whose partners are the interested companies that
   * are members now. Two documents change, so one transaction holds both: the
   * idea is never launched without its project, nor launched twice.
   */
  async launch({ clusterId, ideaId }: IdeaRef, principal: Principal): Promise<ProjectView> {
    const { cluster, members, access } = await this.clusters.of(clusterId, principal);
    assertCoordinates(access);
    const memberIds = new Set(members.map((m) => m.companyId));
    const projectId = randomUUID();
    const project = await inTransaction(this.connection, async (session) => {
      const idea = await this.ideas.findOne({ _id: ideaId, clusterId }).session(session).lean<IdeaDocument>();
      if (!idea) throw notFound(ideaId)();
      const change = launchAsProject(idea, projectId, new Date());
      const written = await this.ideas.updateOne({ _id: ideaId, version: idea.version }, updateOf(change), { session });
      if (written.modifiedCount === 0) throw new DomainError(ERRORS.CONCURRENT_CHANGE, 'The idea changed meanwhile; try again');
      const partners = idea.interests.filter((i) => memberIds.has(i.companyId)).map(({ companyId, companyName }) => ({ companyId, companyName }));
      const launched = { clusterId, clusterName: cluster.name, title: idea.title, kind: idea.kind, description: idea.description, partners, ideaId };
      return this.projects.insert(launched, session, projectId);
    });
    return projectView(project);
  }

  /** What matchmaking needs: the idea's capabilities, the cluster's companies and those already on the idea. */
  async needs({ clusterId, ideaId }: IdeaRef, principal: Principal): Promise<IdeaNeeds> {
    const { members, access } = await this.clusters.of(clusterId, principal);
    assertTakesPart(access);
    const idea = await this.ideas.findOne({ _id: ideaId, clusterId }).lean<IdeaDocument>();
    if (!idea) throw notFound(ideaId)();
    const onIdea = new Set([...(idea.authorCompanyId ? [idea.authorCompanyId] : []), ...idea.interests.map((i) => i.companyId)]);
    return {
      ideaId, neededCapabilities: idea.neededCapabilities, memberCompanyIds: members.map((m) => m.companyId), onIdeaCompanyIds: [...onIdea],
    };
  }

  /** The cluster of every idea, one entry per idea, for the figures. */
  async clusterIdsOfAll(): Promise<string[]> {
    return (await this.ideas.find({}, { clusterId: 1 }).lean<{ clusterId: string }[]>()).map((i) => i.clusterId);
  }

  /** The company left the cluster: it loses its interest in the cluster's open ideas. */
  async companyLeftCluster(clusterId: string, companyId: string): Promise<number> {
    const concerned = await this.ideas.find({ clusterId, 'interests.companyId': companyId }, { _id: 1 }).lean<{ _id: string }[]>();
    for (const { _id } of concerned) {
      await changeVersioned(this.ideas, { _id, clusterId }, notFound(_id), (idea) => interestLost(idea, companyId));
    }
    return concerned.length;
  }

  /** Interest is a company's: federation staff, who act for none, cannot express it. */
  private interestedCompany(access: ClusterAccess, members: ClusterMemberView[]): ClusterMemberView {
    const member = members.find((m) => m.companyId === access.principal.companyId);
    if (!member) {
      throw new DomainError(ERRORS.FORBIDDEN, "Interest is expressed by the people of the cluster's member companies, for their company");
    }
    return member;
  }
}
