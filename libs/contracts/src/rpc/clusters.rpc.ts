import { Omittable } from '../common/omittable';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Length, MaxLength } from 'class-validator';
import { PageQuery, Page } from '../common/page';
import { ADMISSION_MODES, AdmissionMode, ClusterMemberRole, MembershipState, THEMES, Theme } from '../vocabulary';
import { defineRpc } from './rpc-definition';

export class CreateCluster {
  @ApiProperty({ example: 'Grappe Boîtiers' }) @IsString() @Length(2, 120) name!: string;
  @ApiProperty({ enum: THEMES }) @IsIn(THEMES) theme!: Theme;
  @ApiPropertyOptional() @Omittable() @IsString() @MaxLength(2000) description?: string;
  @ApiProperty({ enum: ADMISSION_MODES }) @IsIn(ADMISSION_MODES) admission!: AdmissionMode;
  @ApiPropertyOptional() @Omittable() @IsString() @Length(1, 64) coordinatorCompanyId?: string;
}

export class ClusterQuery extends PageQuery {
  @ApiPropertyOptional({ enum: THEMES }) @Omittable() @IsIn(THEMES) theme?: Theme;
}

export class ClusterRef {
  @IsString() @Length(1, 64) clusterId!: string;
}

export class JoinClusterBody {
  @ApiProperty() @IsString() @Length(1, 64) companyId!: string;
}

export class JoinCluster extends JoinClusterBody {
  @IsString() @Length(1, 64) clusterId!: string;
}

export const JOIN_DECISIONS = ['approve', 'reject'] as const;
export type JoinDecision = (typeof JOIN_DECISIONS)[number];

/** A company's membership of a cluster: to decide its request, or to leave. */
export class MembershipRef {
  @IsString() @Length(1, 64) clusterId!: string;
  @IsString() @Length(1, 64) companyId!: string;
}

export class DecideJoinRequest extends MembershipRef {
  @IsIn(JOIN_DECISIONS) decision!: JoinDecision;
}

export interface ClusterView {
  id: string;
  name: string;
  theme: Theme;
  description?: string;
  admission: AdmissionMode;
  coordinatorCompanyId?: string;
  memberCount: number;
  createdAt: string;
}

export interface ClusterMemberView {
  companyId: string;
  companyName: string;
  role: ClusterMemberRole;
  joinedAt: string;
}

export interface ClusterDetail extends ClusterView {
  members: ClusterMemberView[];
  /** Only for federation staff and the coordinator's people. */
  pendingRequests?: { companyId: string; companyName: string; requestedAt: string }[];
}

export interface JoinOutcome {
  status: Exclude<MembershipState, 'left'>;
}

export const CLUSTERS_RPC = {
  createCluster: defineRpc<CreateCluster, ClusterView>('clusters', 'create-cluster', CreateCluster),
  listClusters: defineRpc<ClusterQuery, Page<ClusterView>>('clusters', 'list-clusters', ClusterQuery),
  getCluster: defineRpc<ClusterRef, ClusterDetail>('clusters', 'get-cluster', ClusterRef),
  joinCluster: defineRpc<JoinCluster, JoinOutcome>('clusters', 'join-cluster', JoinCluster),
  decideJoinRequest: defineRpc<DecideJoinRequest, JoinOutcome>('clusters', 'decide-join-request', DecideJoinRequest),
  leaveCluster: defineRpc<MembershipRef, void>('clusters', 'leave-cluster', MembershipRef),
};
