/** The federation's three colleges (product.md). */
export const CATEGORIES = [
  'watches-and-accessories',
  'components-and-microtechnics',
  'volume-watchmaking',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const MEMBERSHIP_STATUSES = ['active', 'suspended', 'left'] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];
