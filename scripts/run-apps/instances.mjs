// Which processes `npm start` runs: one of each app, more of a service when
// GRAPPES_SCALE asks (e.g. clusters=2,notifications=3), each on its own HTTP port.

import net from 'node:net';
import path from 'node:path';

/** Services first: the gateway is ready only once every service answers. */
export const APPS = [
  { name: 'members', port: 3001, portVar: 'MEMBERS_PORT' },
  { name: 'clusters', port: 3002, portVar: 'CLUSTERS_PORT' },
  { name: 'workshops', port: 3003, portVar: 'WORKSHOPS_PORT' },
  { name: 'notifications', port: 3004, portVar: 'NOTIFICATIONS_PORT' },
  { name: 'audit', port: 3005, portVar: 'AUDIT_PORT' },
  { name: 'gateway', port: 3000, portVar: 'GATEWAY_PORT' },
];
/** The gateway's internal metrics port: the gateway reads METRICS_PORT itself. */
const GATEWAY_METRICS = {
  label: 'gateway metrics',
  port: 9300,
  portVar: 'METRICS_PORT',
};
/**
 * Instance n of an app listens on the app's port + 10·(n−1) (clusters: 3002,
 * 3012, 3022): predictable for a scrape configuration, and clear of the other
 * apps' defaults as long as an app has at most 9.
 */
const PORT_STEP = 10;
const MAX_INSTANCES = 9;

export class StartError extends Error {}

function portFrom(variable, fallback) {
  const value = process.env[variable];
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new StartError(`${variable}=${value} is not a port number (1-65535)`);
  }
  return port;
}

/** `clusters=2` as its app and its number of instances. */
function parseEntry(entry) {
  const [name, ...count] = entry.split('=').map((part) => part.trim());
  if (!APPS.some((app) => app.name === name)) {
    const names = APPS.map((app) => app.name).join(', ');
    throw new StartError(
      `GRAPPES_SCALE: "${entry}" names no app (expected <app>=<instances>, the apps: ${names})`,
    );
  }
  const n = /^\d+$/.test(count.join('=')) ? Number(count[0]) : NaN;
  if (!(n >= 1 && n <= MAX_INSTANCES)) {
    throw new StartError(
      `GRAPPES_SCALE: "${entry}": the number of instances must be a whole number from 1 to ${MAX_INSTANCES}`,
    );
  }
  if (name === 'gateway' && n > 1) {
    throw new StartError(
      `GRAPPES_SCALE: "${entry}": only one gateway can hold the public port here; ` +
        'scale the services, or run more gateways behind a load balancer (README, Scaling)',
    );
  }
  return [name, n];
}

/** `GRAPPES_SCALE=clusters=2,notifications=3` as app name → instances; every app not named runs once. */
export function scaleOf(text = process.env.GRAPPES_SCALE ?? '') {
  const scale = new Map();
  for (const entry of text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [name, n] = parseEntry(entry);
    if (scale.has(name))
      throw new StartError(`GRAPPES_SCALE: ${name} is named twice`);
    scale.set(name, n);
  }
  return scale;
}

/** Every process to start, services first: `{ app, label, port, portVar, main }`. */
export function instancesOf(scale) {
  return APPS.flatMap((app) => {
    const first = portFrom(app.portVar, app.port);
    return Array.from({ length: scale.get(app.name) ?? 1 }, (_, i) => ({
      app: app.name,
      label: i === 0 ? app.name : `${app.name}#${i + 1}`,
      port: first + PORT_STEP * i,
      portVar: app.portVar,
      main: path.join('dist', 'apps', app.name, 'main.js'),
    }));
  });
}

/** One line per scaled app, for the start-up output: where its instances serve health and metrics. */
export function scaledLines(instances) {
  return APPS.map((app) =>
    instances.filter((instance) => instance.app === app.name),
  )
    .filter((group) => group.length > 1)
    .map(
      (group) =>
        `${group[0].app}: ${group.length} instances, health and metrics on ports ${group.map((i) => i.port).join(', ')}`,
    );
}

function canListen(port, host) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** Each port once, within range: a mistake in the variables, told before any port is tried. */
function checkPortsDistinct(listeners) {
  const claimed = new Map();
  for (const { label, port, portVar } of listeners) {
    if (port > 65535)
      throw new StartError(
        `${label} would listen on ${port}, past 65535: lower ${portVar}`,
      );
    if (claimed.has(port)) {
      throw new StartError(
        `port ${port} would serve both ${claimed.get(port)} and ${label}: move one with ${portVar}=<port>`,
      );
    }
    claimed.set(port, label);
  }
}

/** Fails early and clearly instead of leaving an app to die on EADDRINUSE. */
export async function checkPortsFree(instances, host) {
  const metrics = {
    ...GATEWAY_METRICS,
    port: portFrom(GATEWAY_METRICS.portVar, GATEWAY_METRICS.port),
  };
  const listeners = [...instances, metrics];
  checkPortsDistinct(listeners);
  for (const { label, port, portVar } of listeners) {
    if (await canListen(port, host)) continue;
    throw new StartError(
      `port ${port} (${label}) is already in use on ${host}: is Grappes already running? ` +
        `Stop it, or move the app with ${portVar}=<port>`,
    );
  }
}
