/**
 * Every error that crosses a process boundary carries one of these codes and
 * its HTTP status, so that the gateway maps it without knowing the service.
 */
export const ERRORS = {
  VALIDATION_FAILED: { code: 'REQUEST.VALIDATION_FAILED', status: 400 },
  UNAUTHENTICATED: { code: 'AUTH.UNAUTHENTICATED', status: 401 },
  BAD_CREDENTIALS: { code: 'AUTH.BAD_CREDENTIALS', status: 401 },
  FORBIDDEN: { code: 'AUTH.FORBIDDEN', status: 403 },
  TOO_MANY_ATTEMPTS: { code: 'AUTH.TOO_MANY_ATTEMPTS', status: 429 },
  TOO_MANY_REQUESTS: { code: 'REQUEST.RATE_LIMITED', status: 429 },
  NOT_FOUND: { code: 'REQUEST.NOT_FOUND', status: 404 },
  COMPANY_NOT_FOUND: { code: 'COMPANY.NOT_FOUND', status: 404 },
  COMPANY_SIREN_TAKEN: { code: 'COMPANY.SIREN_TAKEN', status: 409 },
  PERSON_EMAIL_TAKEN: { code: 'PERSON.EMAIL_TAKEN', status: 409 },
  CLUSTER_NAME_TAKEN: { code: 'CLUSTER.NAME_TAKEN', status: 409 },
  CLUSTER_NOT_FOUND: { code: 'CLUSTER.NOT_FOUND', status: 404 },
  CLUSTER_ALREADY_MEMBER: { code: 'CLUSTER.ALREADY_MEMBER', status: 409 },
  CLUSTER_NO_PENDING_REQUEST: { code: 'CLUSTER.NO_PENDING_REQUEST', status: 404 },
  CLUSTER_COORDINATOR_CANNOT_LEAVE: { code: 'CLUSTER.COORDINATOR_CANNOT_LEAVE', status: 422 },
  CLUSTER_NOT_MEMBER: { code: 'CLUSTER.NOT_MEMBER', status: 404 },
  CLUSTER_COMPANY_NOT_ACTIVE: { code: 'CLUSTER.COMPANY_NOT_ACTIVE', status: 422 },
  PROJECT_NOT_FOUND: { code: 'PROJECT.NOT_FOUND', status: 404 },
  PROJECT_PARTNER_NOT_MEMBER: { code: 'PROJECT.PARTNER_NOT_MEMBER', status: 422 },
  PROJECT_STATUS_MOVE_REFUSED: { code: 'PROJECT.STATUS_MOVE_REFUSED', status: 422 },
  IDEA_NOT_FOUND: { code: 'IDEA.NOT_FOUND', status: 404 },
  IDEA_NOT_OPEN: { code: 'IDEA.NOT_OPEN', status: 422 },
  IDEA_ALREADY_INTERESTED: { code: 'IDEA.ALREADY_INTERESTED', status: 409 },
  IDEA_NO_INTEREST: { code: 'IDEA.NO_INTEREST', status: 404 },
  WORKSHOP_NOT_FOUND: { code: 'WORKSHOP.NOT_FOUND', status: 404 },
  NOTIFICATION_NOT_FOUND: { code: 'NOTIFICATION.NOT_FOUND', status: 404 },
  CONCURRENT_CHANGE: { code: 'REQUEST.CONCURRENT_CHANGE', status: 409 },
  COMPANY_NOT_ACTIVE: { code: 'COMPANY.NOT_ACTIVE', status: 422 },
  PERSON_NOT_FOUND: { code: 'PERSON.NOT_FOUND', status: 404 },
  EVENT_UNKNOWN_TYPE: { code: 'EVENT.UNKNOWN_TYPE', status: 422 },
  SERVICE_UNAVAILABLE: { code: 'SERVICE.UNAVAILABLE', status: 503 },
  SERVICE_TIMEOUT: { code: 'SERVICE.TIMEOUT', status: 504 },
  INTERNAL: { code: 'INTERNAL', status: 500 },
} as const;

export type ErrorKind = (typeof ERRORS)[keyof typeof ERRORS];
export type ErrorCode = ErrorKind['code'];
