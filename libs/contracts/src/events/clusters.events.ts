import { IsDateString, IsIn, IsOptional, IsString } from 'class-validator';
import { ADMISSION_MODES, AdmissionMode, MEMBER_ROLES, ClusterMemberRole, THEMES, Theme } from '../vocabulary';
import { defineEvent } from './event-definition';
import { VersionedData } from './members.events';

export class ClusterSnapshot extends VersionedData {
  @IsString() clusterId!: string;
  @IsString() name!: string;
  @IsIn(THEMES) theme!: Theme;
  @IsOptional() @IsString() description?: string;
  @IsIn(ADMISSION_MODES) admission!: AdmissionMode;
  @IsOptional() @IsString() coordinatorCompanyId?: string;
}

/** A company and a cluster, as every membership event names them. */
export class MembershipFact extends VersionedData {
  @IsString() clusterId!: string;
  @IsString() clusterName!: string;
  @IsIn(THEMES) theme!: Theme;
  @IsString() companyId!: string;
  @IsString() companyName!: string;
}

export class CompanyJoinedCluster extends MembershipFact {
  @IsIn(MEMBER_ROLES) role!: ClusterMemberRole;
  @IsDateString() joinedAt!: string;
}

export class CompanyLeftCluster extends MembershipFact {
  @IsDateString() leftAt!: string;
}

export class JoinRequested extends MembershipFact {
  @IsDateString() requestedAt!: string;
}

export class JoinRejected extends MembershipFact {
  @IsDateString() rejectedAt!: string;
}

export const CLUSTERS_EVENTS = {
  clusterCreated: defineEvent('clusters', 'cluster-created', ClusterSnapshot),
  clusterUpdated: defineEvent('clusters', 'cluster-updated', ClusterSnapshot),
  joinRequested: defineEvent('clusters', 'join-requested', JoinRequested),
  joinRejected: defineEvent('clusters', 'join-rejected', JoinRejected),
  companyJoinedCluster: defineEvent('clusters', 'company-joined-cluster', CompanyJoinedCluster),
  companyLeftCluster: defineEvent('clusters', 'company-left-cluster', CompanyLeftCluster),
};
