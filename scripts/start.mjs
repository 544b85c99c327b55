#!/usr/bin/env node
// `npm start`: the whole platform on this machine, in one command.
//
//   1. installs the dependencies if they are missing (`npm ci`),
//   2. builds the six apps (Nx; unchanged ones come from its cache),
//   3. runs them through scripts/infra.mjs, which provides NATS and a
//      MongoDB-wire server (nats-server and SecantusDB with their data kept in
//      .data/dev/, or the servers of NATS_URL / MONGODB_URI when reachable)
//      and hands both URLs to scripts/run-apps.mjs.
//
// Plain Node 20, no dependencies: it runs before `npm ci`.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { scaleOf } from './run-apps/instances.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MIN_NODE = [20, 19];
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** The child of the current step, so that a signal can be passed on to it. */
let current = null;
let interrupted = null;

function say(line) {
  process.stderr.write(`${line}\n`);
}

function signalExitCode(signal) {
  return 128 + (os.constants.signals[signal] ?? 1);
}

/** Runs a step with the terminal as its output; resolves with its exit code (128+n when a signal ended it). */
function run(cmd, args, env = process.env) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: REPO, stdio: 'inherit', env });
    current = child;
    child.once('error', (err) => {
      say(`cannot run ${cmd}: ${err.message}`);
      resolve(127);
    });
    child.once('exit', (code, signal) => {
      current = null;
      resolve(signal ? signalExitCode(signal) : code);
    });
  });
}

/**
 * A signal is passed on and the step decides when to end (infra.mjs and
 * run-apps.mjs shut the apps and servers down in order); this script then
 * leaves with the step's code. A Ctrl-C in a terminal reaches the step
 * directly as well: the steps take a repeated signal calmly.
 */
function onSignal(signal) {
  interrupted = signal;
  if (current) current.kill(signal);
  else process.exit(signalExitCode(signal));
}

function checkNodeVersion() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  const [wantMajor, wantMinor] = MIN_NODE;
  if (major > wantMajor || (major === wantMajor && minor >= wantMinor))
    return true;
  say(
    `Node ${MIN_NODE.join('.')} or newer is needed (this is ${process.version})`,
  );
  return false;
}

/** A mistyped GRAPPES_SCALE is told at once, not after the build. */
function checkScale() {
  try {
    scaleOf();
    return true;
  } catch (err) {
    say(err.message);
    return false;
  }
}

/** nx is checked besides the folder itself: an interrupted install leaves node_modules without it. */
function dependenciesInstalled() {
  return fs.existsSync(path.join(REPO, 'node_modules', '.bin', 'nx'));
}

async function install() {
  say(
    'node_modules is missing or incomplete: installing the dependencies (npm ci)',
  );
  return run('npm', ['ci', '--no-audit', '--no-fund']);
}

/**
 * One-shot build: no Nx daemon left running after it, no cloud lookups, plain
 * log output instead of the full-screen task view. A user's own settings win.
 */
async function build() {
  const env = {
    NX_DAEMON: 'false',
    NX_NO_CLOUD: 'true',
    NX_TUI: 'false',
    ...process.env,
  };
  return run(
    'npx',
    ['nx', 'run-many', '-t', 'build', '--projects=tag:type:app'],
    env,
  );
}

function startPlatform() {
  return run(process.execPath, [
    path.join('scripts', 'infra.mjs'),
    'run',
    '--dev',
    '--',
    process.execPath,
    path.join('scripts', 'run-apps.mjs'),
  ]);
}

async function main() {
  for (const signal of SIGNALS) process.on(signal, onSignal);
  if (!checkNodeVersion()) return 1;
  if (!checkScale()) return 1;

  if (!dependenciesInstalled()) {
    const code = await install();
    if (interrupted) return code;
    if (code !== 0) {
      say(`npm ci failed (exit ${code}); see its output above`);
      return code;
    }
  }

  const built = await build();
  if (interrupted) return built;
  if (built !== 0) {
    say(
      `The build failed (exit ${built}): fix the errors above, then run npm start again`,
    );
    return built;
  }

  return startPlatform();
}

process.exit(await main());
