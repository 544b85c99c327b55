/** NATS headers that carry a request's trace and caller across processes. */
export const HEADERS = {
  correlationId: 'x-correlation-id',
  causationId: 'x-causation-id',
  principal: 'x-principal',
  /** `t=<unix ms>,v1=<HMAC>` over the principal (principal-signature.ts). */
  principalSignature: 'x-principal-signature',
} as const;
