/**
 * Fault comparison: runs the bundled action (dist/index.js) once against a fault-free fake
 * GitHub and N times with the faults of the reliability issue (5% of reads 502, 2% secondary
 * rate limits with retry-after, 10% of logs 410 Gone) on the same world, then prints a
 * Markdown table of what each faulty run found compared with the clean run, and why.
 *
 *   npm run build && npx tsx scripts/fault-compare.ts [--runs 5] [--seed 1] [--window 60] [--missing-jobs 0.05]
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

/** What the fake answered for each job log and each run's jobs list in one audit. */
export interface Seen {
  logs: Map<number, number>;
  jobsLists: Map<number, number>;
}

export function seen(requests: RecordedRequest[]): Seen {
  const out: Seen = { logs: new Map(), jobsLists: new Map() };
  for (const r of requests) {
    const log = /\/actions\/jobs\/(\d+)\/logs$/.exec(r.path)?.[1];
    const jobs = /\/actions\/runs\/(\d+)\/(?:attempts\/\d+\/)?jobs$/.exec(r.path)?.[1];
    // The last answer counts: a 502 retried into a 200 is a 200.
    if (log) out.logs.set(Number(log), r.status);
    if (jobs) out.jobsLists.set(Number(jobs), r.status);
  }
  return out;
}

/**
 * Why a finding of the clean run is missing or weaker in a faulty one, looking at its runs
 * and (when it names one) its job: that job's log expired (410), the run's jobs list
 * answered 404, or the log was read in the clean run but not even asked for in the faulty
 * one (the `max-logs` cut-off moved because other runs or logs were lost). Otherwise
 * UNEXPLAINED, which the caller treats as a bug.
 */
export function explain(f: Finding, world: World, clean: Seen, faulty: Seen): string {
  const why = { expired: [] as string[], noJobs: [] as number[], notChosen: [] as string[] };
  for (const o of f.occurrences) {
    if ((faulty.jobsLists.get(o.runId) ?? 200) === 404) {
      why.noJobs.push(o.runId);
      continue;
    }
    for (const j of world.jobs[String(o.runId)] ?? []) {
      if (f.subject.job && j.name !== f.subject.job) continue;
      const status = faulty.logs.get(j.id);
      if (status === 410) why.expired.push(`${j.id} (${j.name})`);
      else if (status === undefined && (clean.logs.get(j.id) ?? 400) < 400) why.notChosen.push(`${j.id} (${j.name})`);
    }
  }
  const parts = [
    why.expired.length ? `log expired (410): job ${why.expired.join(', ')}` : '',
    why.noJobs.length ? `jobs list answered 404: run ${why.noJobs.join(', ')}` : '',
    why.notChosen.length
      ? `log read in the clean run but past the max-logs cut-off: job ${why.notChosen.join(', ')}`
      : '',
  ].filter(Boolean);
  // Runs of its workflow whose jobs answered 404 and are not among its listed occurrences:
  // either beyond the capped list, or part of the baseline (median, before/after) it is
  // compared with, which moves which runs count.
  const listed = new Set(f.occurrences.map((o) => o.runId));
  const others = world.runs.filter(
    (r) =>
      !listed.has(r.id) && faulty.jobsLists.get(r.id) === 404 && (!f.subject.workflow || r.name === f.subject.workflow),
  );
  if (others.length)
    parts.push(
      `jobs list answered 404 for ${others.length} other run(s) of ${f.subject.workflow ?? 'its workflow'}` +
        ` (${f.occurrences.length < f.frequency.runs ? 'beyond the listed occurrences or ' : ''}in its baseline):` +
        ` run ${others.map((r) => r.id).join(', ')}`,
    );
  if (parts.length) return parts.join('; ');
  return 'UNEXPLAINED: none of its logs or jobs was lost';
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

/**
 * A finding seen in more runs under faults than without: each added run must be one where
 * the world planted that anomaly (a sampled log shifted onto another true case), otherwise
 * it is a false occurrence.
 */
export function moreRuns(world: World, clean: Finding, faulty: Finding): string {
  const before = new Set(clean.occurrences.map((o) => o.runId));
  const added = faulty.occurrences.map((o) => o.runId).filter((id) => !before.has(id));
  const planted = world.planted.filter((p) => !p.decoy && p.category === faulty.category);
  const truth = new Set(planted.flatMap((p) => p.runIds));
  const bad = added.filter((id) => !truth.has(id));
  if (added.length === 0) return 'UNEXPLAINED: more runs counted, none added to its occurrences';
  if (bad.length) return `UNEXPLAINED: added run ${bad.join(', ')} where nothing of the kind was planted`;
  return `added run ${added.join(', ')}, a true case planted there (the sample of logs read shifted onto it)`;
}

export function differences(world: World, clean: RunResult, runs: RunResult[]): string[] {
  const lines: string[] = [];
  for (const r of runs) {
    const d = diffFindings(clean.report.findings, r.report.findings);
    const why = (f: Finding): string => explain(f, world, seen(clean.requests), seen(r.requests));
    for (const f of d.missing) lines.push(`- ${r.label}, missing ${short(f)}: ${why(f)}`);
    for (const { clean: c, faulty: f } of d.changed) {
      const reason = f.frequency.runs > c.frequency.runs ? moreRuns(world, c, f) : why(c);
      lines.push(`- ${r.label}, ${f.frequency.runs} run(s) instead of ${c.frequency.runs} for ${short(f)}: ${reason}`);
    }
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
      'missing-jobs': { type: 'string', default: '0' },
    },
  });
  const world = generateWorld({ seed: Number(values.seed), runs: Number(values.window) });
  const faults: FakeOptions = {
    ...FAULTS,
    ...(Number(values['missing-jobs']) ? { missingJobs: Number(values['missing-jobs']) } : {}),
  };
  const clean = await audit(world, 'clean', {}, values.window);
  const runs: RunResult[] = [];
  for (let i = 1; i <= Number(values.runs); i++)
    runs.push(await audit(world, `faulty seed ${i}`, { ...faults, seed: i }, values.window));
  const diffs = differences(world, clean, runs);
  console.log(`World seed ${values.seed}, ${values.window} runs; faults: ${JSON.stringify(faults)}\n`);
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
