/**
 * Job logs rendered on demand from a job's steps and its `LogSpec`: the same text every
 * time, line by line, so the fake server can stream a 100 MB log without holding it.
 * Lines look like GitHub's: `2026-11-20T10:00:00.1234567Z ##[group]Run actions/checkout@v4`.
 */
import { fillLine, type FillKind } from './log-lines.js';
import { createRng, logStamp, type Rng } from './prng.js';
import type { LogSpec, RawJob, RawStep } from './types.js';

/** A step's content: plain lines, a line repeated `count` times, or `fill` generated lines of a kind. */
type Item = string | { repeat: string; count: number } | { fill: number; kind: FillKind };

interface Ctx {
  repo: string;
  job: RawJob;
  spec: LogSpec;
  rng: Rng;
}

function setUpJob(c: Ctx): Item[] {
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
    `Secret source: Actions`,
    `Prepare workflow directory`,
    `Prepare all required actions`,
    `Download action repository 'actions/checkout@v4' (SHA:11bd71901bbe5b1630ceea73d27597364c9af683)`,
    `Complete job name: ${c.job.name}`,
  ];
}

function checkout(c: Ctx): Item[] {
  const full = c.spec.fullHistoryFetch === true;
  const head: Item[] = [
    `##[group]Run actions/checkout@v4`,
    `with:`,
    `  repository: ${c.repo}`,
    `  token: ***`,
    `  fetch-depth: ${full ? 0 : 1}`,
    `##[endgroup]`,
    `Syncing repository: ${c.repo}`,
    `##[command]/usr/bin/git init /home/runner/work/${c.repo.split('/')[1]}/${c.repo.split('/')[1]}`,
    `##[group]Fetching the repository`,
  ];
  const fetch: Item[] = full
    ? [
        `##[command]/usr/bin/git -c protocol.version=2 fetch --prune --no-recurse-submodules origin +refs/heads/*:refs/remotes/origin/* +refs/tags/*:refs/tags/*`,
        { fill: 40, kind: 'branches' },
        // 60 tags: lines equal once numbers are masked, yet fetch output, not noise (a decoy).
        { fill: 60, kind: 'tags' },
      ]
    : [
        `##[command]/usr/bin/git -c protocol.version=2 fetch --no-tags --prune --no-recurse-submodules --depth=1 origin +${c.job.head_sha}:refs/remotes/origin/${c.job.head_branch}`,
      ];
  return [
    ...head,
    ...fetch,
    `##[endgroup]`,
    `##[command]/usr/bin/git checkout --progress --force -B ${c.job.head_branch}`,
  ];
}

function cacheV3(c: Ctx): Item[] {
  return [
    `##[group]Run actions/cache@v3`,
    `with:`,
    `  path: ~/.cache/pip`,
    `  key: pip-${c.rng.hex(40)}`,
    `##[endgroup]`,
    `Received 48234496 of 48234496 (100.0%), 46.0 MBs/sec`,
    `Cache restored from key: pip-${c.rng.hex(40)}`,
  ];
}

function notesFetch(c: Ctx): Item[] {
  const head: Item[] = [`##[group]Run git fetch origin 'refs/notes/*:refs/notes/*'`, `##[endgroup]`];
  if (!c.spec.notesFetchFailed)
    return [
      ...head,
      `From https://github.com/${c.repo}`,
      ` * [new ref]         refs/notes/offload-images -> refs/notes/offload-images`,
    ];
  return [
    ...head,
    `remote: Permission to ${c.repo}.git denied to github-actions[bot].`,
    `fatal: unable to access 'https://github.com/${c.repo}/': The requested URL returned error: 403`,
    `git fetch refs/notes/* failed (permission denied); continuing without image notes`,
  ];
}

function buildImage(c: Ctx, why: LogSpec['rebuild']): Item[] {
  const sha = c.job.head_sha.slice(0, 12);
  if (!why)
    return [
      `##[group]Run ./scripts/build-base-image.sh`,
      `##[endgroup]`,
      `base image im-${c.rng.hex(10)} found for ${sha} (cached)`,
    ];
  const reason =
    why === 'evicted'
      ? `base image im-${c.rng.hex(10)} evicted from the image store`
      : `no note for ${sha} in refs/notes/offload-images`;
  return [
    `##[group]Run ./scripts/build-base-image.sh`,
    `##[endgroup]`,
    `cache miss: ${reason}`,
    `building base image for ${sha}`,
    `Step 1/14 : FROM python:3.12-slim`,
    { fill: 120, kind: 'docker' },
    `Successfully built im-${c.rng.hex(10)}`,
    `git notes --ref=offload-images add -f -m im-${c.rng.hex(10)} ${sha}`,
  ];
}

function pytest(c: Ctx, items: number): Item[] {
  const s = c.spec;
  const failures = s.failures ?? [];
  const out: Item[] = [
    `##[group]Run pytest -n 4 --durations=10 --cov`,
    `##[endgroup]`,
    `============================= test session starts ==============================`,
    `platform linux -- Python 3.12.7, pytest-8.3.3, pluggy-1.5.0`,
    `collected ${items} items`,
  ];
  if (s.benignModal) out.push(`building from mngr default Dockerfile`, `mngr-cli 0.4.2 Installing at runtime`);
  if (s.rebuild === 'evicted') out.push(...buildImage(c, 'evicted'));
  for (const n of s.noise ?? []) out.push({ repeat: n.line, count: n.count });
  out.push({ fill: s.filler ?? 40, kind: 'pytest' });
  if (s.timedOut) return out;
  for (const f of failures)
    out.push(
      `___________________ ${f.test.split('::')[1]} ___________________`,
      `E       ${f.error}`,
      `${f.test.split('::')[0]}:88: ${f.error.split(':')[0]}`,
    );
  const d = Object.entries(s.durations ?? {});
  if (d.length)
    out.push(
      `============================= slowest 10 durations =============================`,
      ...d.map(([t, sec]) => `${sec.toFixed(2)}s call     ${t}`),
    );
  if (s.coverage)
    out.push(
      s.coverage === 'ok'
        ? `coverage delivery: expected 412 data files, received 412: OK`
        : `coverage delivery: expected 412 data files, received ${c.rng.int(380, 409)}: MISMATCH (dropped .coverage data)`,
    );
  if (failures.length)
    out.push(
      `=========================== short test summary info ============================`,
      ...failures.map((f) => `FAILED ${f.test} - ${f.error}`),
    );
  const secs = (c.rng.int(300, 900) + c.rng.next()).toFixed(2);
  out.push(
    `================= ${failures.length ? `${failures.length} failed, ` : ''}${items - failures.length} passed in ${secs}s =================`,
  );
  if (failures.length) out.push(`##[error]Process completed with exit code 1.`);
  return out;
}

function lint(c: Ctx): Item[] {
  return [
    `##[group]Run ruff check . && mypy src`,
    `##[endgroup]`,
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
  if (n === 'Fetch image notes') return notesFetch(c);
  if (n === 'Build base image') return buildImage(c, c.spec.rebuild === 'notes-lost' ? 'notes-lost' : undefined);
  if (n === 'Run tests') return pytest(c, 1284);
  if (n === 'Run acceptance tests') return pytest(c, 96);
  if (n === 'Lint') return lint(c);
  if (n === 'Build docs')
    return [
      `##[group]Run mkdocs build --strict`,
      `##[endgroup]`,
      { fill: 30, kind: 'mkdocs' },
      `INFO    -  Documentation built in 41.20 seconds`,
    ];
  if (n.startsWith('Report'))
    return [`##[group]Run ./.github/actions/report-flaky-aware-tests`, `##[endgroup]`, `Posted test report check run`];
  if (n.startsWith('Post Run')) return [`Post job cleanup.`];
  if (n === 'Complete job') return [`Cleaning up orphan processes`];
  return [`##[group]Run ${n}`, `##[endgroup]`];
}

function* expand(items: Item[], rng: Rng, fromMs: number, toMs: number): Generator<string> {
  const total = items.reduce((s, i) => s + (typeof i === 'string' ? 1 : 'fill' in i ? i.fill : i.count), 0);
  let k = 0;
  const at = (): string => logStamp(fromMs + ((toMs - fromMs) * k++) / Math.max(1, total), rng);
  for (const item of items) {
    if (typeof item === 'string') yield `${at()} ${item}\n`;
    else if ('repeat' in item) for (let i = 0; i < item.count; i++) yield `${at()} ${item.repeat}\n`;
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
    for (const line of expand(stepItems(c, step), rng, from, to)) {
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
