// The image's HEALTHCHECK: is this app alive? Plain Node, because the slim
// runtime base has neither curl nor wget. The gateway serves its health under
// the API prefix; every app listens on PORT, else on its default port.
const DEFAULT_PORTS = { gateway: 3000, members: 3001, clusters: 3002, workshops: 3003, notifications: 3004, audit: 3005 };
const app = process.env.APP;
const port = process.env.PORT || DEFAULT_PORTS[app];
const path = app === 'gateway' ? '/api/v1/health/live' : '/health/live';
fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(4000) })
  .then((res) => process.exit(res.ok ? 0 : 1))
  .catch(() => process.exit(1));
