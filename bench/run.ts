/**
 * `npm run bench [-- --sizes 100,300,1000 --latency 100 --log-lines 2000 --nights 8 --each-night --max-logs 40
 *   --compare-cold --no-baseline --skip-build --rest --breakdown]`
 *
 * For each size: a synthetic repository served by the fake GitHub API on 127.0.0.1 with
 * injected latency; the naive baseline (gh run view + every log) and the bundled action,
 * cold, then warm on each of `--nights` nights (a day of new runs each, the cache carried).
 * Counted at the fake server: REST requests (304s apart), GraphQL points (GitHub's
 * formula), log bytes served. Prints a Markdown table and the targets met or missed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { graphqlPoints } from '../test/fake-github/graphql.js';
import { startFakeGitHub, type FakeGitHub } from '../test/fake-github/server.js';
import type { World } from '../test/world/types.js';
import { ROOT, runBundledAction, type ActionResult } from './action.js';
import { baseline } from './baseline.js';
import { benchWorlds, logBytes } from './world.js';

const TOKEN = 'ghs_benchToken0000000000000000000000000';

interface Args {
  sizes: number[];
  latency: number;
  logLines: number;
  baseline: boolean;
  build: boolean;
  /** Also run the action with GraphQL off (the REST collector), cold. */
  rest: boolean;
  /** Print each audit's requests by route and status on stderr. */
  breakdown: boolean;
  /** Nightly audits after the cold one, a day of new runs each. */
  nights: number;
  /** A row for each night after the first, not one for them all. */
  eachNight: boolean;
  /** The action's `max-logs` input. */
  maxLogs: number;
  /** Also audit each night's window cold, and say which findings the warm audit lacks. */
  compareCold: boolean;
}

function parseArgs(argv: string[]): Args {
  const get = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  return {
    sizes: (get('sizes') ?? '100,300,1000').split(',').map(Number),
    latency: Number(get('latency') ?? 100),
    logLines: Number(get('log-lines') ?? 2000),
    baseline: !argv.includes('--no-baseline'),
    build: !argv.includes('--skip-build'),
    rest: argv.includes('--rest'),
    breakdown: argv.includes('--breakdown'),
    nights: Math.max(1, Number(get('nights') ?? 8)),
    eachNight: argv.includes('--each-night'),
    maxLogs: Number(get('max-logs') ?? 40),
    compareCold: argv.includes('--compare-cold'),
  };
}

export interface Row {
  size: number;
  /** `warm` is the first night after the cold audit; `warm, night N` a later one, `warm, nights 2-N` them all. */
  audit: 'baseline' | 'cold' | 'warm' | 'cold, REST only' | `warm, night ${number}` | `warm, nights 2-${number}`;
  runs: number;
  /** Runs read for the first time (warm: the new day). */
  newRuns: number;
  rest: number;
  points: number;
  notModified: number;
  logBytes: number;
  wallMs: number;
  peakRssMb: number | null;
}

/** What the action cost, from the fake's request log since `from`. */
function measure(fake: FakeGitHub, world: World, from: number, points0: number) {
  const reqs = fake.requests.slice(from);
  const isBlob = (p: string) => p.startsWith('/_blobs/');
  const isGql = (p: string) => p.endsWith('/graphql');
  const rest = reqs.filter((r) => !isBlob(r.path) && !isGql(r.path));
  // Mutations (pinIssue) are not charged by the fake resolver: count them as GitHub does, 1 each.
  const mutations = reqs.filter((r) => isGql(r.path) && /\bmutation\b/.test(JSON.stringify(r.body ?? ''))).length;
  const jobs = new Map(Object.values(world.jobs).flatMap((l) => l.map((j) => [String(j.id), j] as const)));
  let bytes = 0;
  for (const r of reqs.filter((x) => isBlob(x.path) && x.status === 200)) {
    const job = jobs.get(r.path.split('/').pop() ?? '');
    if (job) bytes += logBytes(world, job);
  }
  return {
    rest: rest.filter((r) => r.status !== 304).length,
    notModified: rest.filter((r) => r.status === 304).length,
    points: graphqlPoints(world) - points0 + mutations,
    logBytes: bytes,
  };
}

/** Requests since `from` by method, route (numbers as :n) and status: where the units went. */
function breakdown(fake: FakeGitHub, from: number, title: string): string {
  const counts = new Map<string, number>();
  for (const r of fake.requests.slice(from)) {
    const route = r.path.split('?')[0]!.replace(/\/\d+/g, '/:n');
    const key = `${r.method} ${route} ${r.status}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const lines = [...counts].sort((x, y) => y[1] - x[1]).map(([k, n]) => `  ${String(n).padStart(5)}  ${k}`);
  return `requests of the audit (${title}):\n${lines.join('\n')}\n`;
}

async function auditOnce(
  world: World,
  a: Args,
  cacheDir: string,
  window: number,
  graphql = true,
): Promise<ReturnType<typeof measure> & { result: ActionResult }> {
  const fake = await startFakeGitHub(world, { latencyMs: a.latency, token: TOKEN });
  try {
    const from = fake.requests.length;
    const p0 = graphqlPoints(world);
    const result = await runBundledAction({
      apiUrl: fake.url,
      repository: `${world.owner}/${world.repo}`,
      token: TOKEN,
      cacheDir,
      graphql,
      inputs: { window: String(window), 'max-logs': String(a.maxLogs), issue: 'true', 'pin-issue': 'true' },
    });
    if (result.code !== 0)
      process.stderr.write(
        `action exited ${result.code}:\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}\n`,
      );
    if (a.breakdown) process.stderr.write(breakdown(fake, from, `${world.runs.length} runs, window ${window}`));
    // The next night's repository has the tracking issue this audit wrote.
    world.issues = structuredClone(fake.issues);
    world.labels = structuredClone(fake.labels);
    return { ...measure(fake, world, from, p0), result };
  } finally {
    await fake.close();
  }
}

async function benchSize(size: number, a: Args): Promise<Row[]> {
  const worlds = benchWorlds(size, a.logLines, 7, a.nights);
  const initial = structuredClone({ issues: worlds.cold.issues, labels: worlds.cold.labels });
  const window = Math.min(size, worlds.cold.runs.length, 1000);
  const rows: Row[] = [];
  const repo = `${worlds.cold.owner}/${worlds.cold.repo}`;
  if (a.baseline) {
    const fake = await startFakeGitHub(worlds.cold, { latencyMs: a.latency, token: TOKEN, rateLimit: 1_000_000 });
    try {
      const b = await baseline(fake.url, TOKEN, repo, window);
      rows.push({
        size,
        audit: 'baseline',
        runs: b.runs,
        newRuns: b.runs,
        rest: b.requests,
        points: 0,
        notModified: 0,
        logBytes: b.logBytes,
        wallMs: b.wallMs,
        peakRssMb: null,
      });
    } finally {
      await fake.close();
    }
  }
  if (a.rest) {
    const restDir = mkdtempSync(path.join(tmpdir(), 'audit-ci-bench-rest-'));
    rows.push(row(size, 'cold, REST only', window, window, await auditOnce(worlds.cold, a, restDir, window, false)));
    // The cold audit starts from the repository as it was, before the REST-only audit wrote.
    worlds.cold.issues = initial.issues;
    worlds.cold.labels = initial.labels;
    rmSync(restDir, { recursive: true, force: true });
  }
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'audit-ci-bench-cache-'));
  const cold = await auditOnce(worlds.cold, a, cacheDir, window);
  rows.push(row(size, 'cold', window, window, cold));
  let before = worlds.cold;
  const nightly: Row[] = [];
  const lost: number[] = [];
  for (const [k, night] of worlds.nights.entries()) {
    // Each night's repository has the tracking issue the audit before wrote.
    night.issues = before.issues;
    night.labels = before.labels;
    const seen = new Set(before.runs.slice(0, window).map((r) => r.id));
    const warm = await auditOnce(night, a, cacheDir, window);
    const fresh = night.runs.slice(0, window).filter((r) => !seen.has(r.id)).length;
    nightly.push(row(size, k === 0 ? 'warm' : `warm, night ${k + 1}`, window, fresh, warm));
    if (a.compareCold) lost.push(await compareCold(night, a, window, k + 1, warm.result));
    before = night;
  }
  if (a.compareCold)
    process.stderr.write(
      `bench: ${size} runs: findings of a cold audit the warm one lacked, night by night: ${lost.join(', ')}\n`,
    );
  const [first, ...later] = nightly;
  rows.push(first!);
  if (a.eachNight) rows.push(...later);
  else if (later.length > 0) rows.push(together(later, `warm, nights 2-${a.nights}`));
  if (process.env.AUDIT_CI_BENCH_KEEP) process.stderr.write(`bench: kept cache ${cacheDir}\n`);
  else rmSync(cacheDir, { recursive: true, force: true });
  return rows;
}

/**
 * The night's window audited cold (its own cache, a copy of the repository), against the warm
 * audit's findings: a warm audit that reads less must not find less. Prints what differs;
 * returns how many of the cold audit's findings the warm one lacked.
 */
async function compareCold(night: World, a: Args, window: number, n: number, warm: ActionResult): Promise<number> {
  const dir = mkdtempSync(path.join(tmpdir(), 'audit-ci-bench-compare-'));
  try {
    const copy = { ...night, issues: structuredClone(night.issues), labels: structuredClone(night.labels) };
    const cold = (await auditOnce(copy, a, dir, window)).result;
    const titles = (r: ActionResult) => new Map((r.report?.findings ?? []).map((f) => [f.id, f.title]));
    const [w, c] = [titles(warm), titles(cold)];
    const only = (x: Map<string, string>, y: Map<string, string>) => [...x].filter(([id]) => !y.has(id));
    const lacked = only(c, w);
    process.stderr.write(`bench: night ${n}: warm ${w.size} findings, cold ${c.size}\n`);
    for (const [, t] of lacked) process.stderr.write(`  only cold: ${t}\n`);
    for (const [, t] of only(w, c)) process.stderr.write(`  only warm: ${t}\n`);
    return lacked.length;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Several nights as one row: their sums, so "per new run" is the steady state's average; the
 * mean wall time and the highest peak RSS. */
function together(nights: Row[], audit: Row['audit']): Row {
  const sum = (f: (r: Row) => number): number => nights.reduce((n, r) => n + f(r), 0);
  const rss = nights.map((r) => r.peakRssMb).filter((x): x is number => x !== null);
  return {
    size: nights[0]!.size,
    audit,
    runs: nights[0]!.runs,
    newRuns: sum((r) => r.newRuns),
    rest: sum((r) => r.rest),
    points: sum((r) => r.points),
    notModified: sum((r) => r.notModified),
    logBytes: sum((r) => r.logBytes),
    wallMs: sum((r) => r.wallMs) / nights.length,
    peakRssMb: rss.length ? Math.max(...rss) : null,
  };
}

function row(
  size: number,
  audit: Row['audit'],
  runs: number,
  newRuns: number,
  m: Awaited<ReturnType<typeof auditOnce>>,
): Row {
  const audited = m.result.report?.sample?.runs ?? runs;
  return {
    size,
    audit,
    runs: audited,
    newRuns,
    rest: m.rest,
    points: m.points,
    notModified: m.notModified,
    logBytes: m.logBytes,
    wallMs: m.result.wallMs,
    peakRssMb: m.result.peakRssMb,
  };
}

const mb = (b: number): string => `${(b / 1_048_576).toFixed(1)} MB`;

export function table(rows: Row[]): string {
  const lines = [
    '| runs | audit | REST requests | GraphQL points | 304s | units | units / run | log bytes read | wall time | peak RSS |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    const units = r.rest + r.points;
    const per = r.audit.startsWith('warm')
      ? `${(units / Math.max(1, r.newRuns)).toFixed(2)} per new run (${r.newRuns})`
      : (units / Math.max(1, r.runs)).toFixed(2);
    lines.push(
      `| ${r.size} | ${r.audit} | ${r.rest} | ${r.points} | ${r.notModified} | ${units} | ${per} | ${mb(r.logBytes)} | ${(r.wallMs / 1000).toFixed(1)} s | ${r.peakRssMb === null ? 'n/a' : `${r.peakRssMb.toFixed(0)} MB`} |`,
    );
  }
  return lines.join('\n');
}

function verdicts(rows: Row[], latency: number): string[] {
  const out: string[] = [];
  for (const size of new Set(rows.map((r) => r.size))) {
    const get = (audit: Row['audit']) => rows.find((r) => r.size === size && r.audit === audit);
    const [b, c] = [get('baseline'), get('cold')];
    const warms = rows.filter((r) => r.size === size && r.audit.startsWith('warm'));
    const units = (r: Row) => r.rest + r.points;
    if (c)
      out.push(
        `${size} runs, cold: ${(units(c) / c.runs).toFixed(2)} units/run (target <= 2) ${units(c) / c.runs <= 2 ? 'MET' : 'MISSED'}`,
      );
    if (b && c)
      out.push(
        `${size} runs, cold vs baseline: ${(units(b) / units(c)).toFixed(1)}x fewer (target >= 5x) ${units(b) >= 5 * units(c) ? 'MET' : 'MISSED'}`,
      );
    for (const w of warms)
      out.push(
        `${size} runs, ${w.audit}: ${(units(w) / Math.max(1, w.newRuns)).toFixed(2)} units/new run (target <= 0.5) ${units(w) <= 0.5 * w.newRuns ? 'MET' : 'MISSED'}`,
      );
    if (c && size === 300 && latency >= 100)
      out.push(
        `300 runs at ${latency} ms: ${(c.wallMs / 1000).toFixed(1)} s (target < 30 s) ${c.wallMs < 30_000 ? 'MET' : 'MISSED'}`,
      );
    for (const r of [c, ...warms])
      if (r?.peakRssMb)
        out.push(
          `${size} runs, ${r.audit}: peak RSS ${r.peakRssMb.toFixed(0)} MB (target < 256 MB) ${r.peakRssMb < 256 ? 'MET' : 'MISSED'}`,
        );
  }
  return out;
}

async function main(): Promise<void> {
  const a = parseArgs(process.argv.slice(2));
  if (a.build) execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  const rows: Row[] = [];
  for (const size of a.sizes) {
    process.stderr.write(`bench: ${size} runs at ${a.latency} ms latency...\n`);
    rows.push(...(await benchSize(size, a)));
  }
  process.stdout.write(
    `\n${table(rows)}\n\n${verdicts(rows, a.latency)
      .map((v) => `- ${v}`)
      .join('\n')}\n`,
  );
}

await main();
