/** Roles a person holds; `coordinator` is derived per cluster, never stored on a person. */
export const ROLES = ['federation-admin', 'company-admin', 'member'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that a company may give its own people. */
export const COMPANY_ROLES = ['company-admin', 'member'] as const;
export type CompanyRole = (typeof COMPANY_ROLES)[number];
