/**
 * Fault comparison: runs the bundled action (dist/index.js) once against a fault-free fake
 * GitHub and N times with the faults of the reliability issue (5% of reads 502, 2% secondary
 * rate limits with retry-after, 10% of logs 410 Gone) on the same world, then prints a
 * Markdown table of what each faulty run found compared with the clean run, and why.
 *
 *   npm run build && npx tsx scripts/fault-compare.ts [--runs 5] [--seed 1] [--window 60]
 *
 * A finding present in a faulty run but absent from the clean run is a false alarm caused by
 * missing data: the script lists it and exits 1.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Finding, Report } from '../src/types.js';
import { startFakeGitHub, type FakeOptions, type RecordedRequest } from '../test/fake-github/server.js';
import { runAction } from '../test/e2e/run-action.js';
import { generateWorld } from '../test/world/generate.js';
import type { World } from '../test/world/types.js';

const TOKEN = 'ghs_faultCompareToken000000000000000000';
const REPOSITORY = 'acme/widgets';
export const FAULTS: FakeOptions = { failRate5xx: 0.05, secondaryRateRate: 0.02, expiredLogRate: 0.1 };

export interface RunResult {
  label: string;
  code: number | null;
  report: Report;
  requests: RecordedRequest[];
  seconds: number;
}

export interface Diff {
  missing: Finding[];
  extra: Finding[];
  /** Same finding, other run count. */
  changed: { clean: Finding; faulty: Finding }[];
}

async function audit(world: World, label: string, options: FakeOptions, window: string): Promise<RunResult> {
  const gh = await startFakeGitHub(world, { token: TOKEN, ...options });
  const t0 = Date.now();
  try {
    const run = await runAction({
      apiUrl: gh.url,
      repository: REPOSITORY,
      token: TOKEN,
      inputs: { window, issue: 'false' },
      timeoutMs: 300_000,
    });
    if (run.code !== 0) throw new Error(`${label}: exit ${run.code}\n${run.stdout.slice(-3000)}\n${run.stderr}`);
    const report = JSON.parse(readFileSync(run.reportPath, 'utf8')) as Report;
    return { label, code: run.code, report, requests: [...gh.requests], seconds: (Date.now() - t0) / 1000 };
  } finally {
    await gh.close();
  }
}

export function diffFindings(clean: Finding[], faulty: Finding[]): Diff {
  const byId = new Map(clean.map((f) => [f.id, f]));
  const seen = new Set(faulty.map((f) => f.id));
  const changed = faulty.flatMap((f) => {
    const c = byId.get(f.id);
    return c && c.frequency.runs !== f.frequency.runs ? [{ clean: c, faulty: f }] : [];
  });
  return {
    missing: clean.filter((f) => !seen.has(f.id)),
    extra: faulty.filter((f) => !byId.has(f.id)),
    changed,
  };
}

interface ExpiredLog {
  jobId: number;
  job: string;
}

/** Run id -> the jobs whose logs the fake answered 410 (expired) in this run. */
export function expiredLogsByRun(requests: RecordedRequest[], world: World): Map<number, ExpiredLog[]> {
  const gone = new Set(
    requests
      .filter((r) => r.status === 410)
      .map((r) => Number(/\/actions\/jobs\/(\d+)\/logs$/.exec(r.path)?.[1]))
      .filter((id) => id > 0),
  );
  const out = new Map<number, ExpiredLog[]>();
  for (const [runId, jobs] of Object.entries(world.jobs)) {
    const lost = jobs.filter((j) => gone.has(j.id)).map((j) => ({ jobId: j.id, job: j.name }));
    if (lost.length) out.set(Number(runId), lost);
  }
  return out;
}

/**
 * Why a finding is missing or weaker: an expired log of its own job in one of its runs, or
 * (when the finding names no job) of any job in its runs; otherwise unexplained.
 */
export function explain(f: Finding, expired: Map<number, ExpiredLog[]>): string {
  const mine = (l: ExpiredLog): boolean => !f.subject.job || l.job === f.subject.job;
  const lost = f.occurrences.flatMap((o) => (expired.get(o.runId) ?? []).filter(mine));
  if (lost.length === 0) return 'UNEXPLAINED: no log of its job expired in its runs';
  const runs = new Set(f.occurrences.filter((o) => (expired.get(o.runId) ?? []).some(mine)).map((o) => o.runId));
  return `its log expired (410) in ${runs.size} of its ${f.occurrences.length} run(s): job ${lost
    .map((l) => `${l.jobId} (${l.job})`)
    .join(', ')}`;
}

const short = (f: Finding): string => `${f.category}: ${f.title.replace(/\|/g, '\\|').slice(0, 70)}`;
const count = (rs: RecordedRequest[], status: number): number => rs.filter((r) => r.status === status).length;

export function table(clean: RunResult, runs: RunResult[]): string {
  const head = [
    '| Run | Findings | Missing | Extra | Frequency changed | Gaps | 502 | 403 secondary | 410 | Requests (action) | Time |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  const row = (r: RunResult): string => {
    const d = diffFindings(clean.report.findings, r.report.findings);
    return `| ${r.label} | ${r.report.findings.length} | ${d.missing.length} | ${d.extra.length} | ${d.changed.length} | ${
      r.report.gaps.length
    } | ${count(r.requests, 502)} | ${count(r.requests, 403)} | ${count(r.requests, 410)} | ${r.report.sample.apiRequests} | ${r.seconds.toFixed(1)} s |`;
  };
  return [...head, row(clean), ...runs.map(row)].join('\n');
}

export function differences(world: World, clean: RunResult, runs: RunResult[]): string[] {
  const lines: string[] = [];
  for (const r of runs) {
    const d = diffFindings(clean.report.findings, r.report.findings);
    const expired = expiredLogsByRun(r.requests, world);
    for (const f of d.missing) lines.push(`- ${r.label}, missing ${short(f)}: ${explain(f, expired)}`);
    for (const { clean: c, faulty: f } of d.changed)
      lines.push(
        `- ${r.label}, ${f.frequency.runs} run(s) instead of ${c.frequency.runs} for ${short(f)}: ${explain(c, expired)}`,
      );
    for (const f of d.extra) lines.push(`- ${r.label}, **extra (false alarm)** ${short(f)}: ${f.detail.slice(0, 200)}`);
  }
  return lines;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '5' },
      seed: { type: 'string', default: '1' },
      window: { type: 'string', default: '60' },
    },
  });
  const world = generateWorld({ seed: Number(values.seed), runs: Number(values.window) });
  const clean = await audit(world, 'clean', {}, values.window);
  const runs: RunResult[] = [];
  for (let i = 1; i <= Number(values.runs); i++)
    runs.push(await audit(world, `faulty seed ${i}`, { ...FAULTS, seed: i }, values.window));
  const diffs = differences(world, clean, runs);
  console.log(`World seed ${values.seed}, ${values.window} runs; faults: ${JSON.stringify(FAULTS)}\n`);
  console.log(table(clean, runs));
  console.log(`\n${diffs.length ? diffs.join('\n') : 'Every faulty run found exactly what the clean run found.'}`);
  for (const r of runs) {
    const gaps = r.report.gaps.map((g) => `${g.what}: ${g.reason}`);
    console.log(`\nGaps of ${r.label} (${gaps.length}):\n${gaps.map((g) => `- ${g}`).join('\n')}`);
  }
  return diffs.some((l) => l.includes('false alarm') || l.includes('UNEXPLAINED')) ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e);
      process.exit(2);
    },
  );
}
