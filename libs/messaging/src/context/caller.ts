import { DomainError, ERRORS, Principal } from '@grappes/contracts';
import { randomUUID } from 'node:crypto';
import { HEADERS } from './headers';
import { isSignedPrincipal } from './principal-signature';
import { RequestContext } from './request-context';
import { validated } from './validation';

/** Reads a request's trace and caller from its NATS headers (any `get(name)` shape). */
export function contextFromHeaders(headers: { get(name: string): string } | undefined): RequestContext {
  const correlationId = headers?.get(HEADERS.correlationId) || randomUUID();
  const causationId = headers?.get(HEADERS.causationId) || undefined;
  const principalJson = headers?.get(HEADERS.principal);
  if (!principalJson) return { correlationId, causationId };
  // A forged, unsigned or stale identity is refused, not ignored: the request would otherwise run as no one.
  if (!isSignedPrincipal(principalJson, headers?.get(HEADERS.principalSignature))) {
    throw new DomainError(ERRORS.UNAUTHENTICATED, 'The caller could not be identified');
  }
  return { correlationId, causationId, principal: parsePrincipal(principalJson) };
}

function parsePrincipal(json: string): Principal {
  try {
    return validated(Principal, JSON.parse(json));
  } catch {
    throw new DomainError(ERRORS.UNAUTHENTICATED, 'The caller could not be identified');
  }
}

/** The principal of a request that must come from a signed-in person. */
export function requirePrincipal(context: RequestContext): Principal {
  if (!context.principal) throw new DomainError(ERRORS.UNAUTHENTICATED, 'Sign in first');
  return context.principal;
}
