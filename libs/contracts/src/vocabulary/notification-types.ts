/**
 * The kinds of notifications a person can receive, named after the events
 * that cause them; each is a key of the e-mail preferences.
 */
export const NOTIFICATION_TYPES = [
  'company-joined-cluster',
  'company-left-cluster',
  'join-requested',
  'join-rejected',
  'workshop-scheduled',
  'workshop-rescheduled',
  'workshop-cancelled',
  'registration-confirmed',
  'registration-waitlisted',
  'waitlist-promoted',
  'registration-cancelled',
  'company-suspended',
  'company-deactivated',
  'idea-posted',
  'interest-expressed',
  'project-launched',
  'project-updated',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/** E-mails sent as each notification is created, or gathered in one mail at 08:00 (Paris). */
export const DIGEST_MODES = ['immediate', 'daily'] as const;
export type DigestMode = (typeof DIGEST_MODES)[number];
