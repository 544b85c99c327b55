import { ConnectionOptions } from 'nats';

/**
 * The servers of a NATS URL as the configuration gives it: one URL, or a
 * comma-separated list naming a cluster. The client takes a list, not the string.
 */
export function natsServers(url: string | string[]): string[] {
  const list = Array.isArray(url) ? url : url.split(',');
  return list.map((server) => server.trim()).filter(Boolean);
}

/**
 * Options for every connection a service opens. The client's default gives up
 * after 10 reconnect attempts (about 20 s) and closes for good, leaving the
 * process alive but deaf; an outage the platform rides out must not need a restart.
 */
export function natsConnectionOptions(url: string | string[], name?: string): ConnectionOptions {
  const { servers, user, pass } = withoutCredentials(natsServers(url));
  return { servers, maxReconnectAttempts: -1, ...(user !== undefined ? { user, pass } : {}), ...(name ? { name } : {}) };
}

/**
 * A service's NATS user and password, as operators give them in the URL
 * (`nats://clusters:secret@nats:4222`). The client would ignore them there and
 * connect without credentials, so they are taken out and passed as options.
 */
function withoutCredentials(urls: string[]): { servers: string[]; user?: string; pass?: string } {
  let credentials: { user: string; pass: string } | undefined;
  const servers = urls.map((server) => {
    const match = /^(\w+:\/\/)([^@/]*)@(.*)$/.exec(server);
    if (!match) return server;
    const [user, pass = ''] = match[2].split(':').map(decodeURIComponent);
    credentials ??= { user, pass };
    return `${match[1]}${match[3]}`;
  });
  return { servers, ...credentials };
}
