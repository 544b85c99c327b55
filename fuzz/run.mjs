#!/usr/bin/env node
// `npm run fuzz`: Schemathesis against the gateway's OpenAPI document, within a
// bounded budget, signed in as the federation admin. Fails on any 5xx and on
// any answer that breaks its documented schema.
//
//   npm run fuzz                          start the platform on throw-away servers (built apps, no demo data) and fuzz it
//   FUZZ_TARGET=<api url> npm run fuzz    fuzz a platform already running (admin from ADMIN_EMAIL / ADMIN_PASSWORD,
//                                         development defaults otherwise)
// FUZZ_EXAMPLES sets the examples per operation (default 25); FUZZ_SEED another set of cases (each run repeats the same ones by default).
// Schemathesis lives in a virtual environment under the per-user cache (~/.cache/grappes/fuzz-venv), never in the repo.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startPlatform } from '../bench/platform.mjs';

// Hypothesis pinned too: later ones break this Schemathesis ('many' object has no attribute 'more').
const SCHEMATHESIS = ['schemathesis==3.39.16', 'hypothesis==6.127.0'];
const CACHE = path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'grappes');
const VENV = path.join(CACHE, 'fuzz-venv');
const ST = path.join(VENV, 'bin', 'st');
const ADMIN = { email: process.env.ADMIN_EMAIL ?? 'admin@grappes.test', password: process.env.ADMIN_PASSWORD ?? 'grappes-admin' };

const say = (line) => process.stderr.write(`fuzz: ${line}\n`);

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status ?? result.signal})`);
}

/** The venv with the pinned Schemathesis, made once. */
function ensureSchemathesis() {
  const marker = path.join(VENV, '.grappes-version');
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8').trim() === SCHEMATHESIS.join(' ')) return;
  say(`installing ${SCHEMATHESIS.join(' ')} into ${VENV}`);
  fs.mkdirSync(CACHE, { recursive: true });
  run('python3', ['-m', 'venv', VENV]);
  run(path.join(VENV, 'bin', 'pip'), ['install', '--quiet', ...SCHEMATHESIS]);
  fs.writeFileSync(marker, SCHEMATHESIS.join(' '));
}

async function adminToken(baseUrl) {
  const response = await fetch(`${baseUrl}/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN),
  });
  if (!response.ok) throw new Error(`admin login: ${response.status}`);
  return (await response.json()).accessToken;
}

async function main() {
  ensureSchemathesis();
  // The rate limit runs, but one fuzzing client must not be refused by it.
  const platform = process.env.FUZZ_TARGET ? undefined : await startPlatform({ GRAPPES_SEED: '0', JWT_TTL_SECONDS: '3600' });
  const baseUrl = process.env.FUZZ_TARGET ?? platform.baseUrl;
  let status = 1;
  try {
    const token = await adminToken(baseUrl);
    const server = new URL(baseUrl).origin;
    say(`fuzzing ${baseUrl}`);
    const args = [
      'run', `${baseUrl}/docs-json`, '--base-url', server,
      '--header', `Authorization: Bearer ${token}`,
      '--checks', 'not_a_server_error,response_schema_conformance',
      // Valid requests and invalid ones: both must be answered without a 5xx.
      '--data-generation-method', 'all',
      '--hypothesis-max-examples', process.env.FUZZ_EXAMPLES ?? '25',
      '--hypothesis-deadline', 'None',
      '--hypothesis-database', 'none',
      // The admin's sign-out would end the run's session: every later answer a 401. No
      // webhook is subscribed: its deliveries would reach for whatever address was generated,
      // and a fuzzer's traffic stays on this machine. The live stream never ends an answer.
      '--exclude-path-regex', 'auth/logout|/webhooks$|/notifications/stream$',
      // The same cases every run unless FUZZ_SEED says otherwise: a red CI is then this code's doing.
      '--hypothesis-seed', process.env.FUZZ_SEED ?? '20261130',
      // Generators that discard many candidates for a schema's patterns say nothing of the API.
      '--hypothesis-suppress-health-check', 'filter_too_much,too_slow',
      '--request-timeout', '10000',
      ...(process.env.FUZZ_TRACE ? ['--show-trace'] : []),
    ];
    status = spawnSync(ST, args, { stdio: 'inherit' }).status ?? 1;
  } finally {
    await platform?.stop();
  }
  process.exit(status);
}

main().catch((error) => {
  say(error.message);
  process.exit(1);
});
