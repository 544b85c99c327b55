import { IsDateString, IsEmail, IsIn, IsInt, IsObject, IsOptional, IsString, Min } from 'class-validator';
import { defineEvent } from './event-definition';

/** The HTTP methods that may change state: each such request is recorded for the audit trail. */
export const STATE_CHANGING_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type StateChangingMethod = (typeof STATE_CHANGING_METHODS)[number];

/**
 * A state-changing request the gateway answered: who asked, what (the route
 * pattern and the ids in its path) and the outcome. Never the body, which may
 * carry passwords or tokens. The envelope's `id` is the request's own: the
 * events the request caused carry it as their `causationid`.
 */
export class RequestCompleted {
  @IsIn(STATE_CHANGING_METHODS) method!: StateChangingMethod;
  /** The route pattern below the API prefix, e.g. `/clusters/:id/members/:companyId/approve`. */
  @IsString() route!: string;
  /** The route's path parameters (ids), e.g. `{id: "6650…", companyId: "6651…"}`. */
  @IsObject() params!: Record<string, string>;
  /** Absent for a public route (a login). */
  @IsOptional() @IsString() actorId?: string;
  @IsOptional() @IsEmail() actorEmail?: string;
  @IsOptional() @IsString() actorCompanyId?: string;
  /** When the request arrived (the envelope's `time` is when it was answered, after the events it caused). */
  @IsDateString() receivedAt!: string;
  /** The HTTP status of the answer. */
  @IsInt() @Min(100) status!: number;
  /** The error code of a refusal (`AUTH.FORBIDDEN`). */
  @IsOptional() @IsString() code?: string;
}

export const GATEWAY_EVENTS = {
  requestCompleted: defineEvent('gateway', 'request-completed', RequestCompleted),
};
