/** NATS headers that carry a request's trace and caller across processes. */
export const HEADERS = {
  correlationId: 'x-correlation-id',
  causationId: 'x-causation-id',
  principal: 'x-principal',
} as const;
