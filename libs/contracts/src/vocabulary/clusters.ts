export const ADMISSION_MODES = ['open', 'approval'] as const;
export type AdmissionMode = (typeof ADMISSION_MODES)[number];

export const MEMBER_ROLES = ['coordinator', 'member'] as const;
export type ClusterMemberRole = (typeof MEMBER_ROLES)[number];
