import { IsArray, IsDateString, IsEmail, IsIn, IsOptional, IsString } from 'class-validator';
import { IDEA_STATUSES, IdeaStatus, PROJECT_KINDS, PROJECT_STATUSES, ProjectKind, ProjectStatus, THEMES, Theme } from '../vocabulary';
import { defineEvent } from './event-definition';
import { VersionedData } from './members.events';

/** A project as its events carry it: enough for the partners' people to be told without calling back. */
export class ProjectSnapshot extends VersionedData {
  @IsString() projectId!: string;
  @IsString() clusterId!: string;
  @IsString() clusterName!: string;
  @IsString() title!: string;
  @IsIn(PROJECT_KINDS) kind!: ProjectKind;
  @IsIn(PROJECT_STATUSES) status!: ProjectStatus;
  /** Set when this change moved the status. */
  @IsOptional() @IsIn(PROJECT_STATUSES) previousStatus?: ProjectStatus;
  @IsArray() @IsString({ each: true }) partnerCompanyIds!: string[];
  @IsArray() @IsString({ each: true }) formerPartnerCompanyIds!: string[];
  @IsOptional() @IsString() ideaId?: string;
}

/** An idea and its cluster, as every idea event names them. */
export class IdeaFact extends VersionedData {
  @IsString() ideaId!: string;
  @IsString() clusterId!: string;
  @IsString() clusterName!: string;
  @IsString() title!: string;
  @IsString() authorId!: string;
  @IsEmail() authorEmail!: string;
}

export class IdeaPosted extends IdeaFact {
  @IsIn(PROJECT_KINDS) kind!: ProjectKind;
  @IsArray() @IsIn(THEMES, { each: true }) neededCapabilities!: Theme[];
  @IsOptional() @IsString() authorCompanyId?: string;
  /** The cluster's coordinating company when the idea was posted, whose admins are told (added in 1.1; absent without a coordinator). */
  @IsOptional() @IsString() coordinatorCompanyId?: string;
  @IsDateString() postedAt!: string;
}

export class InterestExpressed extends IdeaFact {
  @IsString() companyId!: string;
  @IsString() companyName!: string;
  @IsDateString() expressedAt!: string;
}

export class IdeaClosed extends IdeaFact {
  /** `launched` when the idea became a project, `closed` otherwise. */
  @IsIn(IDEA_STATUSES) status!: IdeaStatus;
  @IsOptional() @IsString() projectId?: string;
  @IsDateString() closedAt!: string;
}

export const PROJECTS_EVENTS = {
  projectLaunched: defineEvent('clusters', 'project-launched', ProjectSnapshot),
  projectUpdated: defineEvent('clusters', 'project-updated', ProjectSnapshot),
};

export const IDEAS_EVENTS = {
  ideaPosted: defineEvent('clusters', 'idea-posted', IdeaPosted),
  interestExpressed: defineEvent('clusters', 'interest-expressed', InterestExpressed),
  ideaClosed: defineEvent('clusters', 'idea-closed', IdeaClosed),
};
