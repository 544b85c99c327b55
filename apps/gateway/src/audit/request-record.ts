import { ErrorBody, EventEnvelope, GATEWAY_EVENTS, Principal, RequestCompleted, StateChangingMethod } from '@grappes/contracts';
import { createEvent } from '@grappes/messaging';

/** What the gateway knows of an answered request: never its body. */
export interface AnsweredRequest {
  method: StateChangingMethod;
  /** The matched route pattern, API prefix included (`/api/v1/clusters/:id/members`), or none when no route matched. */
  routePattern?: string;
  /** The path as asked, when no route matched. */
  path: string;
  params: Record<string, unknown>;
  principal?: Principal;
  receivedAt: Date;
}

const MAX_PARAM_LENGTH = 128;

/** The route below the API prefix, the ids of its path, the caller and the outcome. */
export function requestCompletedOf(request: AnsweredRequest, apiPrefix: string, outcome: { status: number } | ErrorBody): RequestCompleted {
  const route = (request.routePattern ?? request.path.split('?')[0]).replace(new RegExp(`^/${apiPrefix}(?=/|$)`), '') || '/';
  const params = Object.fromEntries(
    Object.entries(request.params).filter((entry): entry is [string, string] => typeof entry[1] === 'string').map(([name, value]) => [name, value.slice(0, MAX_PARAM_LENGTH)]),
  );
  const { principal } = request;
  return {
    method: request.method,
    route,
    params,
    ...(principal ? { actorId: principal.id, actorEmail: principal.email, ...(principal.companyId ? { actorCompanyId: principal.companyId } : {}) } : {}),
    receivedAt: request.receivedAt.toISOString(),
    status: outcome.status,
    ...('code' in outcome ? { code: outcome.code } : {}),
  };
}

/**
 * The record as an event whose id is the request's own (the causation id its
 * events carry), published under that id so that JetStream drops a repeat.
 */
export function requestRecordOf(requestId: string, data: RequestCompleted): EventEnvelope<RequestCompleted> {
  // The request is not its own cause: createEvent would copy the context's causation id, which is this id.
  const envelope = createEvent(GATEWAY_EVENTS.requestCompleted, { subject: `requests/${requestId}`, version: 1 }, data);
  delete envelope.causationid;
  return { ...envelope, id: requestId };
}
