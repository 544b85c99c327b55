import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsString, Length, MaxLength, ValidateNested,
} from 'class-validator';
import { Omittable } from '../common/omittable';
import { Page, PageQuery } from '../common/page';
import { IsTimeWithOffset } from '../common/time-rules';
import { PROJECT_KINDS, PROJECT_STATUSES, ProjectKind, ProjectStatus } from '../vocabulary';
import { NoPayload, defineRpc } from './rpc-definition';

export const MAX_PARTNERS = 50;
export const MAX_MILESTONES = 50;

export class LaunchProjectBody {
  @ApiProperty({ example: 'Boîtier en titane recyclé' }) @IsString() @Length(2, 160) title!: string;
  @ApiProperty({ enum: PROJECT_KINDS }) @IsIn(PROJECT_KINDS) kind!: ProjectKind;
  @ApiProperty({ type: [String], description: 'Member companies of the cluster' })
  @IsArray() @ArrayMaxSize(MAX_PARTNERS) @ArrayUnique() @IsString({ each: true }) @Length(1, 64, { each: true })
  partnerCompanyIds!: string[];
  @ApiPropertyOptional() @Omittable() @IsString() @MaxLength(4000) description?: string;
}

export class LaunchProject extends LaunchProjectBody {
  @IsString() @Length(1, 64) clusterId!: string;
}

export class MilestoneInput {
  @ApiPropertyOptional({ description: 'Given to keep a milestone already listed; a new one gets an id' })
  @Omittable() @IsString() @Length(1, 64) id?: string;
  @ApiProperty({ example: 'Prototype validé' }) @IsString() @Length(1, 160) title!: string;
  @ApiProperty({ example: '2027-06-30T18:00:00+02:00' }) @IsTimeWithOffset() dueAt!: string;
  @ApiPropertyOptional({ default: false }) @Omittable() @IsBoolean() done?: boolean;
}

/** What a PATCH may change; `milestones` replaces the whole list. */
export class UpdateProjectBody {
  @ApiPropertyOptional() @Omittable() @IsString() @Length(2, 160) title?: string;
  @ApiPropertyOptional() @Omittable() @IsString() @MaxLength(4000) description?: string;
  @ApiPropertyOptional({ enum: PROJECT_STATUSES, description: '`proposed` → `active` → `completed` | `abandoned`' })
  @Omittable() @IsIn(PROJECT_STATUSES) status?: ProjectStatus;
  @ApiPropertyOptional({ type: [MilestoneInput] })
  @Omittable() @IsArray() @ArrayMaxSize(MAX_MILESTONES) @ValidateNested({ each: true }) @Type(() => MilestoneInput)
  milestones?: MilestoneInput[];
}

export class ProjectRef {
  @IsString() @Length(1, 64) clusterId!: string;
  @IsString() @Length(1, 64) projectId!: string;
}

export class UpdateProject extends UpdateProjectBody {
  @IsString() @Length(1, 64) clusterId!: string;
  @IsString() @Length(1, 64) projectId!: string;
}

export class ProjectQuery extends PageQuery {
  @IsString() @Length(1, 64) clusterId!: string;
}

export interface ProjectPartnerView {
  companyId: string;
  companyName: string;
  /** A partner that left the cluster stays listed, as a former partner. */
  former: boolean;
}

export interface MilestoneView {
  id: string;
  title: string;
  dueAt: string;
  done: boolean;
}

export interface ProjectView {
  id: string;
  clusterId: string;
  title: string;
  kind: ProjectKind;
  description?: string;
  status: ProjectStatus;
  /** The current partners' ids. */
  partnerCompanyIds: string[];
  partners: ProjectPartnerView[];
  milestones: MilestoneView[];
  /** The idea the project was launched from, if any. */
  ideaId?: string;
  createdAt: string;
  updatedAt: string;
}

/** How many of something there are for each value of a vocabulary. */
export type CountBy<K extends string> = Record<K, number>;

/** The innovation space in figures: ideas, projects by status and kind, milestones overdue in running projects. */
export interface InnovationCounts {
  ideas: number;
  projectsByStatus: CountBy<ProjectStatus>;
  projectsByKind: CountBy<ProjectKind>;
  /** Milestones not done whose due date has passed, in projects `proposed` or `active`. */
  overdueMilestones: number;
}

export interface InnovationFigures extends InnovationCounts {
  /** Each cluster that has an idea or a project. */
  byCluster: (InnovationCounts & { clusterId: string })[];
}

export const PROJECTS_RPC = {
  launchProject: defineRpc<LaunchProject, ProjectView>('clusters', 'launch-project', LaunchProject),
  listProjects: defineRpc<ProjectQuery, Page<ProjectView>>('clusters', 'list-projects', ProjectQuery),
  updateProject: defineRpc<UpdateProject, ProjectView>('clusters', 'update-project', UpdateProject),
  innovationFigures: defineRpc<NoPayload, InnovationFigures>('clusters', 'innovation-figures', NoPayload),
};
