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
  return { servers: natsServers(url), maxReconnectAttempts: -1, ...(name ? { name } : {}) };
}
