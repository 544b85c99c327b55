#!/usr/bin/env node
// Writes random secrets for the dev overlay into overlays/dev/secrets/
// (git-ignored), once: existing values are kept, so re-running changes nothing
// but adding the keys an existing .env file lacks (a new app's user).
//   node deploy/k8s/make-dev-secrets.mjs
// Passwords are hex: they go into NATS and MongoDB URLs unescaped.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const dir = path.join(import.meta.dirname, 'overlays', 'dev', 'secrets');
const hex = (bytes) => randomBytes(bytes).toString('hex');
const services = ['members', 'clusters', 'workshops', 'notifications', 'audit'];
const files = {
  'nats-users.env': ['gateway', ...services, 'operator'].map((u) => `${u}=${hex(24)}`),
  'mongodb-users.env': ['root', ...services].map((u) => `${u}=${hex(24)}`),
  'jwt.env': [`JWT_SECRET=${hex(32)}`],
  'principal.env': [`PRINCIPAL_SIGNING_SECRET=${hex(32)}`],
  'admin.env': ['ADMIN_EMAIL=admin@grappes.test', `ADMIN_PASSWORD=${hex(12)}`],
  // The replica set members' shared key: base64 text, 6 to 1024 characters.
  'mongodb-keyfile': [randomBytes(756).toString('base64')],
};

fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
for (const [name, lines] of Object.entries(files)) {
  const file = path.join(dir, name);
  if (!fs.existsSync(file)) fs.writeFileSync(file, lines.join('\n') + '\n', { mode: 0o600 });
  else if (name.endsWith('.env')) {
    const keyOf = (line) => line.split('=')[0];
    const present = new Set(fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map(keyOf));
    const missing = lines.filter((line) => !present.has(keyOf(line)));
    if (missing.length) fs.appendFileSync(file, missing.join('\n') + '\n');
  }
}
console.log(`dev secrets in ${path.relative(process.cwd(), dir) || dir}`);
