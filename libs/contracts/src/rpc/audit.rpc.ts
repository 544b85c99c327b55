import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { Omittable } from '../common/omittable';
import { Page, PageQuery } from '../common/page';
import { IsTimeWithOffset } from '../common/time-rules';
import { defineRpc } from './rpc-definition';

/** What an entry is about: `<kind>/<id>` (`clusters/6650…`), or a kind alone for a request on none (`companies`). */
export const AUDIT_TARGET = /^[a-z][a-z-]{0,39}(\/[A-Za-z0-9_.:-]{1,64})?$/;

/** `GET /audit`: every filter optional, all given ones must hold; newest first. */
export class AuditQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Who acted: a person id, or an e-mail address' })
  @Omittable() @IsString() @Length(1, 254)
  actor?: string;

  @ApiPropertyOptional({ description: 'What was acted on: `<kind>/<id>`, e.g. `clusters/6650…`, `companies/6651…`, `workshops/…`, `people/…`' })
  @Omittable() @Matches(AUDIT_TARGET, { message: 'target must be <kind>/<id>, e.g. clusters/6650f1…' })
  target?: string;

  @ApiPropertyOptional({ description: 'Entries at or after this time (ISO 8601 with offset)' })
  @Omittable() @IsTimeWithOffset()
  from?: string;

  @ApiPropertyOptional({ description: 'Entries before this time (ISO 8601 with offset)' })
  @Omittable() @IsTimeWithOffset()
  to?: string;

  @ApiPropertyOptional({ description: 'The entries of one trace: a request and every event it caused' })
  @Omittable() @IsString() @Length(1, 128)
  correlationId?: string;
}

/** Who did it: the signed-in person, with their company. */
export interface AuditActor {
  personId: string;
  email: string;
  companyId?: string;
}

/**
 * One entry of the trail: a state-changing request (`kind: request`, its
 * action `POST /clusters/:id/members`) or an event (`kind: event`, its action
 * the event type). Never a body. `actor` is on a request, and on the events
 * it caused directly (their `causationId` is the request's `id`).
 */
export interface AuditEntryView {
  id: string;
  kind: 'request' | 'event';
  at: string;
  action: string;
  targets: string[];
  actor?: AuditActor;
  correlationId: string;
  causationId?: string;
  /** A request's HTTP status and error code; an event is a fact that happened (`status` absent). */
  outcome: { status?: number; code?: string };
}

export const AUDIT_RPC = {
  search: defineRpc<AuditQuery, Page<AuditEntryView>>('audit', 'search', AuditQuery),
};
