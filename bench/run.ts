/**
 * `npm run bench [-- --sizes 100,300,1000 --latency 100 --log-lines 2000 --nights 8 --each-night --max-logs auto
 *   --compare-cold --no-baseline --skip-build --rest --breakdown --windows 40 --help]`
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
import { windowsProbe } from './windows.js';
import { benchWorlds, logBytes } from './world.js';

const HELP = `npm run bench -- [options]

Audits synthetic repositories served by a fake GitHub API (127.0.0.1, injected latency) and
prints what each audit cost, counted at the server, as a Markdown table, then the targets.

  --sizes 100,300,1000   runs in the cold audit's window (a count window), one block each
  --latency 100          ms before every answer of the fake API
  --log-lines 2000       filler lines of each test job's log (about 100 bytes each)
  --window N|7d          the action's window: the size as a run count (default), or a span such
                         as 7d (then each size is the runs of a week: 14000 is 2,000 a day)
  --nights 8             nightly audits after the cold one (a day of new runs each, cache carried;
                         0: the cold audit alone)
  --each-night           a row per night, not one for nights 2-N
  --max-logs auto        the action's max-logs input (auto or a number)
  --compare-cold         audit every night's window cold too and list findings the warm one lacks
                         (without it, only the last night is compared: the parity line)
  --windows N            also N seeded 60-run repositories, cold then two nights: how often the
                         coverage mismatch (3 of 60 runs, only in logs) is found
  --no-baseline          skip the naive baseline (gh run view per run + every log)
  --rest                 also the REST-only collector, cold
  --breakdown            requests of each audit by route and status, on stderr
  --skip-build           use dist/ as it is (else npm run build first)
  --help                 this text

Environment: AUDIT_CI_BENCH_KEEP=1 keeps each audit's folder; AUDIT_CI_BENCH_NODE_ARGS passes node
flags to the action; AUDIT_CI_BENCH_DIST=path/to/index.js runs another build of the action.
`;

/** GITHUB_TOKEN's hourly REST budget: the fake answers it as x-ratelimit-limit, and the nightly targets are shares of it. */
const HOURLY = 1000;

/** Findings parity lines, one per size (filled by benchSize). */
const parity: string[] = [];

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
  /** Nightly audits after the cold one, a day of new runs each (0: none). */
  nights: number;
  /** A span window (`7d`) instead of the size as a run count. */
  span: string | null;
  /** A row for each night after the first, not one for them all. */
  eachNight: boolean;
  /** The action's `max-logs` input. */
  maxLogs: string;
  /** Seeded 60-run windows for the log-evidence probe (0: none). */
  windows: number;
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
    nights: Math.max(0, Number(get('nights') ?? 8)),
    span: /^\d+[dh]$/.test(get('window') ?? '') ? get('window')! : null,
    eachNight: argv.includes('--each-night'),
    maxLogs: get('max-logs') ?? 'auto',
    windows: Number(get('windows') ?? 0),
    compareCold: argv.includes('--compare-cold'),
  };
}

export interface Row {
  size: number;
  /** What the row measures: the naive baseline, a cold audit (empty run cache), the first nightly
   * audit after it, a later night, or nights 2-N summed (the steady state). */
  audit: string;
  kind: 'baseline' | 'cold' | 'cold-rest' | 'nightly';
  runs: number;
  /** Runs the action's listing found in the window (its report's `window.listed`), null if not said. */
  listed: number | null;
  /** Runs read for the first time (warm: the new day). */
  newRuns: number;
  rest: number;
  points: number;
  notModified: number;
  logBytes: number;
  wallMs: number;
  /** CPU seconds of the action (user + system), null where not measured. */
  cpuS: number | null;
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
  window: string,
  graphql = true,
): Promise<ReturnType<typeof measure> & { result: ActionResult }> {
  const fake = await startFakeGitHub(world, { latencyMs: a.latency, token: TOKEN, rateLimit: HOURLY });
  try {
    const from = fake.requests.length;
    const p0 = graphqlPoints(world);
    const result = await runBundledAction({
      apiUrl: fake.url,
      repository: `${world.owner}/${world.repo}`,
      token: TOKEN,
      cacheDir,
      graphql,
      inputs: { window, 'max-logs': a.maxLogs, issue: 'true', 'pin-issue': 'true' },
      // A span window ends at the action's clock: the repository's now (a count window needs none).
      ...(a.span ? { now: world.now } : {}),
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
  const count = Math.min(size, worlds.cold.runs.length);
  const window = a.span ?? String(count);
  // The runs in a night's window: the newest `count`, or those of the span before its `now`.
  const spanMs = a.span ? Number(a.span.slice(0, -1)) * (a.span.endsWith('d') ? 86_400_000 : 3_600_000) : 0;
  const inWindow = (w: World) =>
    a.span ? w.runs.filter((r) => Date.parse(r.created_at) >= Date.parse(w.now) - spanMs) : w.runs.slice(0, count);
  const rows: Row[] = [];
  const repo = `${worlds.cold.owner}/${worlds.cold.repo}`;
  if (a.baseline) {
    const fake = await startFakeGitHub(worlds.cold, { latencyMs: a.latency, token: TOKEN, rateLimit: 1_000_000 });
    try {
      const b = await baseline(fake.url, TOKEN, repo, count);
      rows.push({
        size,
        audit: 'baseline: gh run view per run + every log',
        kind: 'baseline',
        runs: b.runs,
        listed: null,
        newRuns: b.runs,
        rest: b.requests,
        points: 0,
        notModified: 0,
        logBytes: b.logBytes,
        wallMs: b.wallMs,
        cpuS: null,
        peakRssMb: null,
      });
    } finally {
      await fake.close();
    }
  }
  if (a.rest) {
    const restDir = mkdtempSync(path.join(tmpdir(), 'audit-ci-bench-rest-'));
    rows.push(
      row(
        size,
        'cold, REST only: empty cache, no GraphQL',
        'cold-rest',
        count,
        count,
        await auditOnce(worlds.cold, a, restDir, window, false),
      ),
    );
    // The cold audit starts from the repository as it was, before the REST-only audit wrote.
    worlds.cold.issues = initial.issues;
    worlds.cold.labels = initial.labels;
    rmSync(restDir, { recursive: true, force: true });
  }
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'audit-ci-bench-cache-'));
  const cold = await auditOnce(worlds.cold, a, cacheDir, window);
  rows.push(row(size, 'cold: empty run cache', 'cold', count, count, cold));
  let before = worlds.cold;
  const nightly: Row[] = [];
  const lost: number[] = [];
  for (const [k, night] of worlds.nights.entries()) {
    // Each night's repository has the tracking issue the audit before wrote.
    night.issues = before.issues;
    night.labels = before.labels;
    const seen = new Set(inWindow(before).map((r) => r.id));
    const warm = await auditOnce(night, a, cacheDir, window);
    const fresh = inWindow(night).filter((r) => !seen.has(r.id)).length;
    nightly.push(
      row(size, k === 0 ? 'nightly: first night' : `nightly: night ${k + 1}`, 'nightly', count, fresh, warm),
    );
    if (a.compareCold || k === worlds.nights.length - 1)
      lost.push(await compareCold(night, a, window, k + 1, warm.result));
    before = night;
  }
  if (lost.length > 0)
    parity.push(
      `${size} runs, findings parity (the nightly audit finds what a cold audit of the same window finds): ` +
        (a.compareCold ? `lacked per night ${lost.join(', ')}` : `last night lacked ${lost.at(-1)}`) +
        ` ${verdict(lost.every((n) => n === 0))}`,
    );
  const [first, ...later] = nightly;
  if (first) rows.push(first);
  if (a.eachNight) rows.push(...later);
  else if (later.length > 0) rows.push(together(later, `nightly: nights 2-${a.nights}, summed`));
  if (process.env.AUDIT_CI_BENCH_KEEP) process.stderr.write(`bench: kept cache ${cacheDir}\n`);
  else rmSync(cacheDir, { recursive: true, force: true });
  return rows;
}

/**
 * The night's window audited cold (its own cache, a copy of the repository), against the warm
 * audit's findings: a warm audit that reads less must not find less. Prints what differs;
 * returns how many of the cold audit's findings the warm one lacked.
 */
async function compareCold(night: World, a: Args, window: string, n: number, warm: ActionResult): Promise<number> {
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
    kind: 'nightly',
    runs: nights[0]!.runs,
    listed: null,
    newRuns: sum((r) => r.newRuns),
    rest: sum((r) => r.rest),
    points: sum((r) => r.points),
    notModified: sum((r) => r.notModified),
    logBytes: sum((r) => r.logBytes),
    wallMs: sum((r) => r.wallMs) / nights.length,
    cpuS: nights.every((r) => r.cpuS !== null) ? sum((r) => r.cpuS!) / nights.length : null,
    peakRssMb: rss.length ? Math.max(...rss) : null,
  };
}

function row(
  size: number,
  audit: Row['audit'],
  kind: Row['kind'],
  runs: number,
  newRuns: number,
  m: Awaited<ReturnType<typeof auditOnce>>,
): Row {
  const audited = m.result.report?.sample?.runs ?? runs;
  return {
    size,
    audit,
    kind,
    runs: audited,
    listed: m.result.report?.window?.listed ?? null,
    newRuns,
    rest: m.rest,
    points: m.points,
    notModified: m.notModified,
    logBytes: m.logBytes,
    wallMs: m.result.wallMs,
    cpuS: m.result.cpuS,
    peakRssMb: m.result.peakRssMb,
  };
}

const mb = (b: number): string => `${(b / 1_048_576).toFixed(1)} MB`;

/**
 * What a night spent of the hourly budget: its units (REST requests plus GraphQL points, as the
 * targets count them) over the hourly 1,000, and each part alone (GitHub counts them in two
 * buckets of 1,000 for GITHUB_TOKEN, so the sum is the stricter figure); nights 2-N: the mean
 * night. The sum is the one held to the target.
 */
function nightShare(r: Row, nights: number): { rest: number; points: number; units: number } {
  const per = r.audit.includes('summed') ? Math.max(1, nights - 1) : 1;
  const rest = r.rest / per / HOURLY;
  const points = r.points / per / HOURLY;
  return { rest, points, units: rest + points };
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

export function table(rows: Row[], nights: number): string {
  const lines = [
    '| runs | audit | REST requests | GraphQL points | 304s | units (REST + points) | units / run | a night: units of the hourly 1,000 (REST · points) | log bytes read | wall time | CPU time | peak RSS |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    const units = r.rest + r.points;
    const nightly = r.kind === 'nightly';
    const per = nightly
      ? `${(units / Math.max(1, r.newRuns)).toFixed(2)} per new run (${r.newRuns})`
      : (units / Math.max(1, r.runs)).toFixed(2);
    const n = nightShare(r, nights);
    const share = nightly ? `${pct(n.units)} (${pct(n.rest)} · ${pct(n.points)})` : '';
    const cpu = r.cpuS === null ? 'n/a' : `${r.cpuS.toFixed(1)} s`;
    lines.push(
      `| ${r.size} | ${r.audit} | ${r.rest} | ${r.points} | ${r.notModified} | ${units} | ${per} | ${share} | ${mb(r.logBytes)} | ${(r.wallMs / 1000).toFixed(1)} s | ${cpu} | ${r.peakRssMb === null ? 'n/a' : `${r.peakRssMb.toFixed(0)} MB`} |`,
    );
  }
  return lines.join('\n');
}

const verdict = (ok: boolean): string => (ok ? 'MET' : 'MISSED');

function verdicts(rows: Row[], a: Args): string[] {
  const out: string[] = [];
  for (const size of new Set(rows.map((r) => r.size))) {
    const of = (kind: Row['kind']) => rows.find((r) => r.size === size && r.kind === kind);
    const [b, c] = [of('baseline'), of('cold')];
    const nights = rows.filter((r) => r.size === size && r.kind === 'nightly');
    const units = (r: Row) => r.rest + r.points;
    if (c)
      out.push(
        `${size} runs, cold: ${(units(c) / c.runs).toFixed(2)} units/run (target <= 2) ${verdict(units(c) / c.runs <= 2)}`,
      );
    if (b && c)
      out.push(
        `${size} runs, cold vs baseline: ${(units(b) / units(c)).toFixed(1)}x fewer (target >= 5x) ${verdict(units(b) >= 5 * units(c))}`,
      );
    for (const w of nights) {
      const perNight = w.newRuns / (w.audit.includes('summed') ? Math.max(1, a.nights - 1) : 1);
      // Up to a few hundred runs a day: 10% of the hour; a busy repository (2,000 a day): 25%.
      const target = perNight <= 500 ? 0.1 : 0.25;
      const share = nightShare(w, a.nights);
      out.push(
        `${size} runs, ${w.audit} (${perNight.toFixed(0)} new runs a night): ${pct(share.units)} of the hourly 1,000 in units, REST and GraphQL together (${pct(share.rest)} REST, ${pct(share.points)} points; target <= ${target * 100}%) ${verdict(share.units <= target)}`,
      );
    }
    if (c && size === 1000 && a.latency >= 100)
      out.push(
        `1000 runs at ${a.latency} ms, cold: ${(c.wallMs / 1000).toFixed(1)} s wall, ${c.cpuS?.toFixed(1) ?? '?'} s CPU (target < 10 s wall; varies with the machine's load)`,
      );
    // How much of the window each audit had read: a large window fills in over the nights.
    for (const r of [c, ...nights]) {
      if (!r || r.listed === null || r.listed === 0) continue;
      const whole = r.runs >= r.listed;
      out.push(
        `${size} runs, ${r.audit}: ${r.runs} of the window's ${r.listed} runs read (${pct(r.runs / r.listed)}${whole ? ', complete' : ', filling in'})`,
      );
    }
    for (const r of [c, ...nights]) {
      if (!r?.peakRssMb) continue;
      const limit = size <= 1000 ? 200 : 256;
      out.push(
        `${size} runs, ${r.audit}: peak RSS ${r.peakRssMb.toFixed(0)} MB (target < ${limit} MB) ${verdict(r.peakRssMb < limit)}`,
      );
    }
  }
  return out;
}

async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    process.stdout.write(HELP);
    return;
  }
  const a = parseArgs(process.argv.slice(2));
  if (a.build) execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  const rows: Row[] = [];
  for (const size of a.sizes) {
    process.stderr.write(`bench: ${size} runs at ${a.latency} ms latency...\n`);
    rows.push(...(await benchSize(size, a)));
  }
  const lines = [...verdicts(rows, a), ...parity];
  if (a.windows > 0) {
    const w = await windowsProbe({
      windows: a.windows,
      size: 60,
      latency: Math.min(a.latency, 10),
      logLines: 200,
      maxLogs: a.maxLogs,
      token: TOKEN,
    });
    const pct = (n: number, of: number) => `${n} of ${of} (${((100 * n) / Math.max(1, of)).toFixed(0)}%)`;
    lines.push(
      `log-only anomaly (coverage mismatch in 3 of 60 runs), ${w.windows} seeded windows: cold audit found it in ${pct(w.coldFound, w.windows)} (target >= 95%) ${verdict(w.coldFound >= 0.95 * w.windows)}; ` +
        `${(w.coldLogs / Math.max(1, w.coldRuns)).toFixed(2)} logs read a run`,
      `log-only anomaly, second nightly audit: found in ${pct(w.secondFound, w.secondHeld)} of the windows still holding a mismatched run (target: all) ${verdict(w.secondFound === w.secondHeld)}`,
    );
  }
  process.stdout.write(`\n${table(rows, a.nights)}\n\n${lines.map((v) => `- ${v}`).join('\n')}\n`);
}

await main();
