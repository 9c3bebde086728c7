/**
 * Job logs rendered on demand from a job's steps and its `LogSpec`: the same text every
 * time, line by line, so the fake server can stream a 100 MB log without holding it.
 * Lines are in the runner's real raw format (runner-format.ts): script echo in cyan with `shell:` /
 * `env:`, `with:` inputs, real offload, git and coverage lines, colour in tool output, progress meters.
 */
import { fillLine, type FillKind } from './log-lines.js';
import { createRng, logStamp, type Rng } from './prng.js';
import { boldRed, gitProgress, green, red, runStep, tracingWarn, usesStep } from './runner-format.js';
import { tsStepItems } from './ts-monorepo/logs.js';
import type { LogSpec, RawJob, RawStep } from './types.js';

/** A step's content: plain lines, a line repeated `count` times, or `fill` generated lines of a kind. */
/** …or a line that prints its own time (a tool's log line: `stamped` gets the runner's stamp). */
export type Item =
  string | { repeat: string; count: number } | { fill: number; kind: FillKind } | { stamped: (iso: string) => string };

export interface Ctx {
  repo: string;
  job: RawJob;
  spec: LogSpec;
  rng: Rng;
}

export function setUpJob(c: Ctx): Item[] {
  return [
    `Current runner version: '2.329.0'`,
    `##[group]Operating System`,
    `Ubuntu`,
    `24.04.3`,
    `LTS`,
    `##[endgroup]`,
    `##[group]Runner Image`,
    `Image: ubuntu-24.04`,
    `Version: 20261116.1.0`,
    `##[endgroup]`,
    `##[group]GITHUB_TOKEN Permissions`,
    `Checks: write`,
    `Contents: read`,
    `Metadata: read`,
    `##[endgroup]`,
    `Secret source: Actions`,
    `Prepare workflow directory`,
    `Prepare all required actions`,
    `Getting action download info`,
    `Download action repository 'actions/checkout@v4' (SHA:11bd71901bbe5b1630ceea73d27597364c9af683)`,
    `Complete job name: ${c.job.name}`,
  ];
}

export function checkout(c: Ctx): Item[] {
  const full = c.spec.fullHistoryFetch === true;
  const name = c.repo.split('/')[1];
  const head: Item[] = [
    ...usesStep('actions/checkout@v4', { repository: c.repo, token: '***', 'fetch-depth': full ? 0 : 1 }),
    `Syncing repository: ${c.repo}`,
    `[command]/usr/bin/git init /home/runner/work/${name}/${name}`,
    `##[group]Fetching the repository`,
  ];
  const fetch: Item[] = full
    ? [
        `[command]/usr/bin/git -c protocol.version=2 fetch --prune --no-recurse-submodules origin +refs/heads/*:refs/remotes/origin/* +refs/tags/*:refs/tags/*`,
        // git's progress meter: 150 lines equal once numbers are masked, not noise (a decoy).
        ...gitProgress(912345, 50),
        `From https://github.com/${c.repo}`,
        { fill: 40, kind: 'branches' },
        // 60 tags: lines equal once numbers are masked, yet fetch output, not noise (a decoy).
        { fill: 60, kind: 'tags' },
      ]
    : [
        `[command]/usr/bin/git -c protocol.version=2 fetch --no-tags --prune --no-recurse-submodules --depth=1 origin +${c.job.head_sha}:refs/remotes/origin/${c.job.head_branch}`,
      ];
  return [
    ...head,
    ...fetch,
    `##[endgroup]`,
    `[command]/usr/bin/git checkout --progress --force -B ${c.job.head_branch}`,
  ];
}

function cacheV3(c: Ctx): Item[] {
  return [
    ...usesStep('actions/cache@v3', { path: '~/.cache/pip', key: `pip-${c.rng.hex(40)}` }),
    `Received 48234496 of 48234496 (100.0%), 46.0 MBs/sec`,
    `Cache restored from key: pip-${c.rng.hex(40)}`,
  ];
}

function install(packages: number): Item[] {
  // pip's download bars: one per package, equal once numbers are masked, never noise (a decoy).
  return [
    ...runStep(`pip install -e '.[test]'`),
    { fill: packages * 3, kind: 'pip' },
    `Successfully installed widgets-0.0.0`,
  ];
}

function notesFetch(c: Ctx): Item[] {
  const head = runStep(`git fetch origin 'refs/notes/*:refs/notes/*' || true`);
  // When the notes were never pushed the glob matches nothing: git prints nothing and exits 0.
  if (c.spec.notesFetchFailed) return head;
  return [
    ...head,
    `From https://github.com/${c.repo}`,
    ` * [new ref]         refs/notes/offload-images -> refs/notes/offload-images`,
  ];
}

function buildImage(c: Ctx, why: LogSpec['rebuild']): Item[] {
  return [
    ...runStep('just build-base-image', { MODAL_TOKEN_ID: '***', MODAL_TOKEN_SECRET: '***' }),
    ...imageLines(c, why),
  ];
}

/** offload's own lines (src/image_cache.rs at v0.9.10) for a cached, rebuilt or evicted base image. */
function imageLines(c: Ctx, why: LogSpec['rebuild']): Item[] {
  const sha = c.job.head_sha.slice(0, 8);
  if (!why) return [`[cache] Checkpoint hit: using cached image from ${sha}`];
  const out: Item[] = [
    why === 'evicted'
      ? `[cache] Checkpoint thin diff failed, falling back to base build`
      : `[cache] Checkpoint miss: no cached image for ${sha} -- building base`,
    `Step 1/14 : FROM python:3.12-slim`,
    { fill: 120, kind: 'docker' },
    `Successfully built im-${c.rng.hex(10)}`,
  ];
  // Without `contents: write` offload cannot push the note, so the next run misses again.
  if (why === 'notes-lost')
    out.push(
      {
        stamped: (iso) =>
          tracingWarn(
            iso,
            `Failed to push notes: git push notes failed: remote: Permission to ${c.repo}.git denied to github-actions[bot].`,
          ),
      },
      `fatal: unable to access 'https://github.com/${c.repo}/': The requested URL returned error: 403`,
    );
  return out;
}

function pytest(c: Ctx, items: number): Item[] {
  const s = c.spec;
  const failures = s.failures ?? [];
  const out: Item[] = [
    ...runStep('pytest -n 4 --durations=10 --cov --color=yes'),
    `============================= test session starts ==============================`,
    `platform linux -- Python 3.12.7, pytest-8.3.3, pluggy-1.5.0`,
    `collected ${items} items`,
  ];
  if (s.benignModal) out.push(`building from mngr default Dockerfile`, `mngr-cli 0.4.2 Installing at runtime`);
  if (s.rebuild === 'evicted') out.push(...imageLines(c, 'evicted'));
  for (const n of s.noise ?? []) out.push({ repeat: n.line, count: n.count });
  out.push({ fill: s.filler ?? 40, kind: 'pytest' });
  if (s.timedOut) return out;
  for (const f of failures)
    out.push(
      `___________________ ${f.test.split('::')[1]} ___________________`,
      boldRed(`E       ${f.error}`),
      `${f.test.split('::')[0]}:88: ${f.error.split(':')[0]}`,
    );
  const d = Object.entries(s.durations ?? {});
  if (d.length)
    out.push(
      `============================= slowest 10 durations =============================`,
      ...d.map(([t, sec]) => `${sec.toFixed(2)}s call     ${t}`),
    );
  if (failures.length)
    out.push(
      `=========================== short test summary info ============================`,
      ...failures.map((f) => `${red('FAILED')} ${f.test} - ${f.error}`),
    );
  const secs = (c.rng.int(300, 900) + c.rng.next()).toFixed(2);
  const summary = `================= ${failures.length ? `${failures.length} failed, ` : ''}${items - failures.length} passed in ${secs}s =================`;
  out.push(failures.length ? boldRed(summary) : green(summary));
  if (failures.length) out.push(`##[error]Process completed with exit code 1.`);
  return out;
}

/** The coverage-delivery check, shaped like the seed's "Combine coverage" step (its script names MISMATCH). */
const COVERAGE_SCRIPT = [
  'set -u',
  '# Compare on UNIQUE-SANDBOX counts so the MISMATCH check is apples-to-apples.',
  'echo "=== Coverage-data delivery diagnostic ==="',
  'if [ "$cov_sandbox_count" != "$junit_sandbox_count" ]; then',
  '  echo "  MISMATCH: $(( junit_sandbox_count - cov_sandbox_count )) sandboxes delivered junit but not .coverage"',
  'fi',
  'uv run coverage report --fail-under=80 || echo "FAILED coverage gates: [combined]"',
].join('\n');

function coverage(c: Ctx): Item[] {
  const junit = 40;
  const cov = c.spec.coverage === 'mismatch' ? junit - c.rng.int(1, 4) : junit;
  const out: Item[] = [
    ...runStep(COVERAGE_SCRIPT),
    `=== Coverage-data delivery diagnostic ===`,
    `  sandboxes with .coverage:      ${cov}`,
    `  sandboxes with junit:          ${junit}`,
  ];
  if (cov !== junit) out.push(`  MISMATCH: ${junit - cov} sandboxes delivered junit but not .coverage`);
  return [...out, `TOTAL                          48211   3120    94%`];
}

function lint(c: Ctx): Item[] {
  return [
    ...runStep('ruff check . && mypy src'),
    ...(c.spec.noise ?? []).map((n) => ({ repeat: n.line, count: n.count })),
    `All checks passed!`,
    `Success: no issues found in 212 source files`,
  ];
}

function stepItems(c: Ctx, step: RawStep): Item[] {
  const n = step.name;
  if (n === 'Set up job') return setUpJob(c);
  if (n === 'Run actions/checkout@v4') return checkout(c);
  if (n === 'Run actions/cache@v3') return cacheV3(c);
  if (n === 'Run actions/setup-python@v5')
    return [
      ...usesStep('actions/setup-python@v5', { 'python-version': '3.12' }),
      'Successfully set up CPython (3.12.7)',
    ];
  if (n === 'Install dependencies') return install(c.job.name === 'test' ? 30 : 8);
  if (n === 'Fetch image notes') return notesFetch(c);
  if (n === 'Build base image') return buildImage(c, c.spec.rebuild === 'notes-lost' ? 'notes-lost' : undefined);
  if (n === 'Run tests') return pytest(c, 1284);
  if (n === 'Run acceptance tests') return pytest(c, 96);
  if (n.startsWith('Combine coverage')) return coverage(c);
  if (n === 'Lint') return lint(c);
  if (n === 'Build docs')
    return [
      ...runStep('mkdocs build --strict'),
      { fill: 30, kind: 'mkdocs' },
      `INFO    -  Documentation built in 41.20 seconds`,
    ];
  if (n.startsWith('Report'))
    return [
      ...usesStep('./.github/actions/report-flaky-aware-tests', { 'check-name': n.replace(/^Report /, '') }),
      'Posted test report check run',
    ];
  if (n.startsWith('Post Run')) return [`Post job cleanup.`];
  if (n === 'Complete job') return [`Cleaning up orphan processes`];
  return runStep(n);
}

function* expand(items: Item[], rng: Rng, fromMs: number, toMs: number): Generator<string> {
  const size = (i: Item): number => (typeof i === 'string' || 'stamped' in i ? 1 : 'fill' in i ? i.fill : i.count);
  const total = items.reduce((s, i) => s + size(i), 0);
  let k = 0;
  const at = (): string => logStamp(fromMs + ((toMs - fromMs) * k++) / Math.max(1, total), rng);
  for (const item of items) {
    if (typeof item === 'string') yield `${at()} ${item}\n`;
    else if ('stamped' in item) {
      const stamp = at();
      // tracing-subscriber prints microseconds; the runner's stamp has seven digits.
      yield `${stamp} ${item.stamped(stamp.replace(/(\.\d{6})\dZ$/, '$1Z'))}\n`;
    } else if ('repeat' in item) for (let i = 0; i < item.count; i++) yield `${at()} ${item.repeat}\n`;
    else for (let i = 0; i < item.fill; i++) yield `${at()} ${fillLine(item.kind, i, item.fill, rng)}\n`;
  }
}

/** The log of `job` as GitHub would serve it, one line (with its newline) at a time. */
export function* renderLog(repo: string, job: RawJob, spec: LogSpec): Generator<string> {
  const rng = createRng(spec.seed);
  const c: Ctx = { repo, job, spec, rng };
  let first = true;
  for (const step of job.steps) {
    if (!step.started_at || step.conclusion === 'skipped') continue;
    const from = Date.parse(step.started_at);
    const to = Date.parse(step.completed_at ?? job.completed_at ?? step.started_at);
    // The second example (ts-monorepo/) renders its own stack's steps.
    const items = spec.ts ? tsStepItems(c, step, spec.ts) : stepItems(c, step);
    for (const line of expand(items, rng, from, to)) {
      yield first && spec.bom ? `\uFEFF${line}` : line;
      first = false;
    }
  }
  if (spec.timedOut) {
    const end = Date.parse(job.completed_at ?? job.started_at);
    yield `${logStamp(end, rng)} ##[error]The job running on runner ${job.runner_name ?? 'GitHub Actions'} has exceeded the maximum execution time of 30 minutes.\n`;
    yield `${logStamp(end, rng)} ##[error]The operation was canceled.\n`;
  }
}

/** The whole log as one string (tests and small logs). */
export function logText(repo: string, job: RawJob, spec: LogSpec): string {
  return [...renderLog(repo, job, spec)].join('');
}
