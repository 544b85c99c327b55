export const ADMISSION_MODES = ['open', 'approval'] as const;
export type AdmissionMode = (typeof ADMISSION_MODES)[number];

export const MEMBER_ROLES = ['coordinator', 'member'] as const;
export type ClusterMemberRole = (typeof MEMBER_ROLES)[number];

/**
 * Where a company stands in one cluster. Not a company's standing in the
 * federation (`MEMBERSHIP_STATUSES`): a company that left a cluster may ask
 * again; one that was rejected too.
 */
export const MEMBERSHIP_STATES = ['pending', 'joined', 'rejected', 'left'] as const;
export type MembershipState = (typeof MEMBERSHIP_STATES)[number];
