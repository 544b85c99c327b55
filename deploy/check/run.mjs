#!/usr/bin/env node
// Checks every deployment file without a container engine or a cluster:
//   node deploy/check/run.mjs
// - the Kubernetes overlays rendered with kustomize and decoded strictly into
//   the Kubernetes API types, plus the platform's own rules (deploy-check);
// - the rendered objects linted (kube-score);
// - the Prometheus alert rules parsed as Prometheus loads them (deploy-check);
// - docker-compose.yml against the compose-spec schema (check-jsonschema);
// - the Dockerfile linted (hadolint);
// - both NATS configurations parsed by nats-server itself (-t), and the users'
//   permissions tried against a running one (nats-permissions.mjs).
// Exits non-zero when any of them fails. Tools are built once (tools.mjs).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { locateNats } from '../../scripts/infra/binaries.mjs';
import { deployCheck, kubeScore, pythonTools } from './tools.mjs';

const root = path.resolve(import.meta.dirname, '..', '..');
process.chdir(root);
const OVERLAYS = ['deploy/k8s/overlays/dev', 'deploy/k8s/overlays/prod'];
const RULES = ['deploy/prometheus/grappes.rules.yaml'];
// Why each kube-score test is left out:
const KUBE_SCORE_IGNORED = [
  // images are pinned to release versions that never change: IfNotPresent is right
  'container-image-pull-policy',
];

const failures = [];

/** Runs one check, printing its name, its output and its time. */
function step(name, cmd, args, options = {}) {
  const started = Date.now();
  const result = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', env: options.env });
  const lines = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n');
  const output = (options.keep ? lines.filter((l) => options.keep.test(l)) : lines).join('\n');
  const ok = result.status === 0;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`check-deploy: ${ok ? 'ok  ' : 'FAIL'} ${name} (${seconds} s)`);
  if (output && (!ok || options.showOutput)) console.log(output.replace(/^/gm, '    '));
  if (!ok) failures.push(name);
}

const out = fs.mkdtempSync(path.join(os.tmpdir(), 'grappes-deploy-check-'));
try {
  // The dev overlay reads its secrets from git-ignored files: random ones are made when missing.
  step('dev secrets', process.execPath, ['deploy/k8s/make-dev-secrets.mjs']);
  const validator = deployCheck();
  step(
    'kustomize render, strict decoding, platform rules, Prometheus rules',
    validator,
    ['-out', out, ...RULES.flatMap((f) => ['-rules', f]), ...OVERLAYS],
    { showOutput: true },
  );

  const score = kubeScore();
  for (const overlay of OVERLAYS) {
    const rendered = path.join(out, `${path.basename(overlay)}.yaml`);
    if (!fs.existsSync(rendered)) continue;
    const ignored = KUBE_SCORE_IGNORED.flatMap((t) => ['--ignore-test', t]);
    // Its passes and skips are hundreds of lines: only findings are shown.
    step(`kube-score ${overlay}`, score, ['score', rendered, '--output-format', 'ci', ...ignored], { keep: /^\[(CRITICAL|WARNING)\]/ });
  }

  const py = pythonTools();
  step('docker-compose.yml against the compose-spec schema', py.checkJsonschema[0], [
    ...py.checkJsonschema.slice(1), '--builtin-schema', 'vendor.compose-spec', 'docker-compose.yml',
  ]);
  step('hadolint Dockerfile', py.hadolint[0], ['--no-color', '--failure-threshold', 'warning', 'Dockerfile']);

  // nats-server resolves $VARS from the environment: any values do for parsing.
  const nats = await locateNats();
  const users = ['GATEWAY', 'MEMBERS', 'CLUSTERS', 'WORKSHOPS', 'NOTIFICATIONS', 'AUDIT', 'OPERATOR'];
  const env = { ...process.env, POD_NAME: 'nats-0', ...Object.fromEntries(users.map((u) => [`NATS_${u}_PASSWORD`, 'x'])) };
  const composeConf = path.join(out, 'compose-nats');
  fs.mkdirSync(composeConf);
  // Laid out as Compose mounts them: nats.conf includes ./auth.conf.
  fs.copyFileSync('deploy/docker/nats.conf', path.join(composeConf, 'nats.conf'));
  fs.copyFileSync('deploy/k8s/infra/nats/auth.conf', path.join(composeConf, 'auth.conf'));
  step('nats-server -t (Compose configuration)', nats, ['-t', '-c', path.join(composeConf, 'nats.conf')], { env });
  step('nats-server -t (Kubernetes cluster configuration)', nats, ['-t', '-c', 'deploy/k8s/infra/nats/nats.conf'], { env });
  step('NATS users: what each app needs, and no more', process.execPath, ['deploy/check/nats-permissions.mjs', nats]);
} finally {
  fs.rmSync(out, { recursive: true, force: true });
}

if (failures.length) {
  console.log(`check-deploy: ${failures.length} check(s) failed: ${failures.join('; ')}`);
  process.exit(1);
}
console.log('check-deploy: every deployment check passed');
