// Network probes for scripts/infra.mjs: is a server up, which port is free.
import net from 'node:net';

/** First host:port of a nats:// list or a mongodb:// URI (user info, path and query dropped). */
export function firstHostPort(uri, defaultPort) {
  const first = uri.split(',')[0].trim();
  const afterScheme = first.includes('://') ? first.slice(first.indexOf('://') + 3) : first;
  const hostList = afterScheme.split(/[/?]/)[0];
  const hostPort = hostList.slice(hostList.lastIndexOf('@') + 1).split(',')[0];
  const ipv6 = hostPort.match(/^\[([^\]]+)\](?::(\d+))?$/);
  if (ipv6) return { host: ipv6[1], port: Number(ipv6[2] ?? defaultPort) };
  const [host, port] = hostPort.split(':');
  return { host: host || '127.0.0.1', port: Number(port || defaultPort) };
}

/**
 * Opens a TCP connection and resolves true once `isReady(receivedText)` holds
 * (at once on connect when no check is given); false on error or timeout.
 */
export function probe({ host, port }, timeoutMs, isReady = null) {
  return new Promise((resolve) => {
    let received = '';
    const socket = net.connect({ host, port });
    const done = (ok) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once('error', () => done(false));
    socket.once('connect', () => {
      if (!isReady) done(true);
    });
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      if (isReady?.(received)) done(true);
    });
  });
}

/** NATS greets every client with an `INFO {...}` line; seeing it means the server is serving. */
export const natsGreeted = (text) => text.startsWith('INFO ') && text.includes('\r\n');

function canListen(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A port the kernel has just handed out on loopback (tiny race until the server binds it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export async function pickPort(preferred) {
  if (preferred && (await canListen(preferred))) return preferred;
  return freePort();
}
