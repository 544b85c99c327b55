import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import {
  DomainError, ERRORS, LaunchProject, Page, Principal, ProjectQuery, ProjectView, UpdateProject, pageOf,
} from '@grappes/contracts';
import { ClientSession, Model } from 'mongoose';
import { changeVersioned } from '../aggregates/versioned-update';
import type { ProjectFigureRow } from '../figures/innovation-figures';
import { assertCoordinates, assertTakesPart } from '../clusters/cluster-access';
import { ClusterAccessService } from '../clusters/cluster-access.service';
import { NewProject, assertMayUpdate, launch, partnerLeft, partnersAmong, update } from './project.rules';
import { Project, ProjectDocument } from './project.schema';
import { projectView } from './project.view';

const notFound = (projectId: string) => () => new DomainError(ERRORS.PROJECT_NOT_FOUND, `No project ${projectId} in this cluster`);

@Injectable()
export class ProjectsService {
  constructor(
    @InjectModel(Project.name) private readonly projects: Model<ProjectDocument>,
    private readonly clusters: ClusterAccessService,
  ) {}

  async launch({ clusterId, partnerCompanyIds, ...input }: LaunchProject, principal: Principal): Promise<ProjectView> {
    const { cluster, members, access } = await this.clusters.of(clusterId, principal);
    assertCoordinates(access);
    const partners = partnersAmong(partnerCompanyIds, members);
    return projectView(await this.insert({ clusterId, clusterName: cluster.name, ...input, partners }));
  }

  /** Inserts a project with its `project-launched` event; inside the caller's transaction when given one. */
  async insert(project: NewProject, session?: ClientSession, id?: string): Promise<ProjectDocument> {
    const [created] = await this.projects.create([launch(project, id)], { session });
    return created.toObject();
  }

  async list({ clusterId, ...query }: ProjectQuery, principal: Principal): Promise<Page<ProjectView>> {
    assertTakesPart((await this.clusters.of(clusterId, principal)).access);
    const { page, limit, skip } = pageOf(query);
    const [projects, total] = await Promise.all([
      this.projects.find({ clusterId }).sort({ createdAt: -1, _id: 1 }).skip(skip).limit(limit).lean<ProjectDocument[]>(),
      this.projects.countDocuments({ clusterId }),
    ]);
    return { items: projects.map(projectView), total, page, limit };
  }

  async update({ clusterId, projectId, ...body }: UpdateProject, principal: Principal): Promise<ProjectView> {
    const { access } = await this.clusters.of(clusterId, principal);
    const updated = await changeVersioned(this.projects, { _id: projectId, clusterId }, notFound(projectId), (current) => {
      assertMayUpdate(access, current);
      return update(current, body);
    });
    return projectView(updated);
  }

  /** What the figures read of every project. */
  figureRows(): Promise<ProjectFigureRow[]> {
    return this.projects.find({}, { clusterId: 1, status: 1, kind: 1, milestones: 1 }).lean<ProjectFigureRow[]>();
  }

  /** The company left the cluster: in each of its projects there, it becomes a former partner. */
  async partnerLeftCluster(clusterId: string, companyId: string, leftAt: Date): Promise<number> {
    const concerned = await this.projects.find({ clusterId, 'partners.companyId': companyId }, { _id: 1 }).lean<{ _id: string }[]>();
    for (const { _id } of concerned) {
      await changeVersioned(this.projects, { _id, clusterId }, notFound(_id), (current) => partnerLeft(current, companyId, leftAt));
    }
    return concerned.length;
  }
}
