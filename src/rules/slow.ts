/**
 * Slow: jobs slow for any value (median over their runs) or that end last in long runs,
 * broken down per step before any test is blamed; single tests that dominate a job; and
 * regressions, only where they are real: setup/cache steps that grew, or the SAME branch
 * that slowed. Cross-branch differences are test-phase variance and never a regression.
 * OWNER: rules B.
 */
import { compileAny, type Config } from '../config.js';
import { findingId, formatDuration, median, seconds } from '../findings.js';
import type { ChartData, Finding, History, Job, LogMatch, LogRequest, Rule, Run } from '../types.js';
import { actionRefs, clip, frequency, latestJobs, occurrence, occurrences, plural } from './util.js';

export interface JobRun {
  run: Run;
  job: Job;
  seconds: number;
}

/** Completed latest-attempt jobs grouped by workflow + job name, oldest run first. */
export function jobRuns(history: History): Map<string, JobRun[]> {
  const out = new Map<string, JobRun[]>();
  for (const run of history.runs) {
    for (const job of latestJobs(run)) {
      const s = seconds(job.startedAt, job.completedAt);
      if (s === null || job.conclusion === 'skipped' || job.conclusion === 'cancelled') continue;
      const key = `${run.name}\u0000${job.name}`;
      if (!out.has(key)) out.set(key, []);
      out.get(key)!.push({ run, job, seconds: s });
    }
  }
  for (const list of out.values()) list.sort((a, b) => a.run.createdAt.localeCompare(b.run.createdAt));
  return out;
}

/** Seconds per step of one job: its step timings, else the log's own sections. */
export function stepSeconds(history: History, job: Job): Map<string, number> {
  const out = new Map<string, number>();
  for (const st of job.steps) {
    const s = seconds(st.startedAt, st.completedAt);
    if (s !== null) out.set(st.name, (out.get(st.name) ?? 0) + s);
  }
  if (out.size > 0) return out;
  for (const sec of history.logs[String(job.id)]?.sections ?? []) {
    const s = seconds(sec.startedAt, sec.endedAt);
    if (s !== null) out.set(sec.name, (out.get(sec.name) ?? 0) + s);
  }
  return out;
}

/** Median seconds per step over the runs, in the step order of the latest run. */
function breakdown(history: History, list: JobRun[]): { label: string; value: number }[] {
  const per = new Map<string, number[]>();
  for (const jr of list)
    for (const [name, s] of stepSeconds(history, jr.job)) per.set(name, [...(per.get(name) ?? []), s]);
  const order = [...stepSeconds(history, list[list.length - 1]!.job).keys()];
  for (const name of per.keys()) if (!order.includes(name)) order.push(name);
  return order.map((label) => ({ label, value: Math.round(median(per.get(label) ?? [])) }));
}

/** Log matches made while `step` of `job` ran: by section name, else by time. */
export function matchesInStep(history: History, job: Job, step: string): LogMatch[] {
  const digest = history.logs[String(job.id)];
  if (!digest) return [];
  const st = job.steps.find((s) => s.name === step);
  const from = Date.parse(st?.startedAt ?? '') - 1000;
  const to = Date.parse(st?.completedAt ?? '') + 1000;
  return digest.matches.filter((m) => {
    if (m.section === step) return true;
    const at = Date.parse(m.at ?? '');
    return Number.isFinite(at) && at >= from && at <= to;
  });
}

interface Cause {
  why: string;
  terms: string[];
  /** The workflow's own configuration causes it (hygiene), rather than the infrastructure. */
  config: boolean;
}

/** Why a step was slow, when the log shows it. */
function cause(history: History, list: JobRun[], step: string): Cause | null {
  for (const jr of [...list].reverse()) {
    const ms = matchesInStep(history, jr.job, step);
    const full = ms.find((m) => m.key === 'fullHistoryFetch');
    if (full && /checkout|fetch|git/i.test(`${step} ${full.section ?? ''} ${full.line}`)) {
      return {
        why:
          `its log shows a full-history fetch (\`${clip(full.line, 120)}\`): \`fetch-depth: 0\` makes actions/checkout ` +
          'fetch every commit of every branch and tag. Fetch only what the job needs (the default depth 1, or a ' +
          'bounded depth) to cut this step.',
        terms: ['fetch-depth: 0', 'fetch-depth'],
        config: true,
      };
    }
    const miss = ms.find((m) => m.key === 'cacheMiss');
    if (miss)
      return { why: `its log shows the image cache missed (\`${clip(miss.line, 120)}\`).`, terms: [], config: false };
    const test = dominantTest(history, jr.job, step);
    if (test) return test;
  }
  return null;
}

/** The slowest test, when it alone is a large part of the step it ran in. */
function dominantTest(history: History, job: Job, step: string): Cause | null {
  const top = history.logs[String(job.id)]?.testDurations[0];
  const stepS = stepSeconds(history, job).get(step) ?? 0;
  if (!top || stepS <= 0 || top.seconds < 0.25 * stepS || top.seconds > stepS * 1.05) return null;
  return {
    why: `its slowest test, ${top.test}, takes ${formatDuration(top.seconds)} of it (${Math.round((top.seconds / stepS) * 100)}%).`,
    terms: [top.test],
    config: false,
  };
}

function longJobs(jobs: Map<string, JobRun[]>, config: Config): Set<string> {
  const limit = config.slow.jobMinutes * 60;
  const keys = new Set<string>();
  for (const [key, list] of jobs) if (median(list.map((j) => j.seconds)) > limit) keys.add(key);
  // Critical path: the job that ends last in long runs, when it is a real part of them.
  const last = new Map<string, { spans: number[]; own: number[] }>();
  const byRun = new Map<number, JobRun[]>();
  for (const list of jobs.values()) for (const jr of list) byRun.set(jr.run.id, [...(byRun.get(jr.run.id) ?? []), jr]);
  for (const list of byRun.values()) {
    const start = Math.min(...list.map((j) => Date.parse(j.job.startedAt!)));
    const endJob = list.reduce((a, b) => (Date.parse(b.job.completedAt!) > Date.parse(a.job.completedAt!) ? b : a));
    const span = (Date.parse(endJob.job.completedAt!) - start) / 1000;
    if (span <= limit) continue;
    const key = `${endJob.run.name}\u0000${endJob.job.name}`;
    const e = last.get(key) ?? { spans: [], own: [] };
    e.spans.push(span);
    e.own.push(endJob.seconds);
    last.set(key, e);
  }
  for (const [key, e] of last) {
    if (e.spans.length >= 2 && median(e.own) >= config.slow.stepShare * median(e.spans)) keys.add(key);
  }
  return keys;
}

function chartOf(job: string, bars: { label: string; value: number }[]): ChartData {
  const top = bars.filter((b) => b.value > 0);
  return { title: `Step breakdown of ${job}`, unit: 's', bars: top.slice(0, 15) };
}

function slowJobFinding(history: History, config: Config, list: JobRun[]): Finding {
  const { run, job } = list[list.length - 1]!;
  const med = median(list.map((j) => j.seconds));
  const bars = breakdown(history, list);
  const top = [...bars].sort((a, b) => b.value - a.value)[0];
  const share = top && med > 0 ? top.value / med : 0;
  const dominant = top && share >= config.slow.stepShare ? top : null;
  const why = dominant ? cause(history, list, dominant.label) : null;
  // A step that runs an action ("Run actions/checkout@v4") is about that action.
  const action = dominant ? actionRefs(dominant.label)[0] : undefined;
  const over = list.filter((j) => j.seconds > config.slow.jobMinutes * 60);
  const occ = (over.length > 0 ? over : list).map((j) =>
    occurrence(j.run, j.job.url, j.job.startedAt, formatDuration(j.seconds)),
  );
  const where = `${run.name} / ${job.name}`;
  const steps = [...bars]
    .sort((a, b) => b.value - a.value)
    .slice(0, 3)
    .map((b) => `${b.label} ${formatDuration(b.value)}`)
    .join(', ');
  const detail = dominant
    ? `${where} takes ${formatDuration(med)} (median of ${plural(list.length, 'run')}); step "${dominant.label}" ` +
      `takes ${formatDuration(dominant.value)} of it (${Math.round(share * 100)}%)` +
      (why ? `: ${why.why}` : '. The log does not say why; its step breakdown is charted below.')
    : `${where} takes ${formatDuration(med)} (median of ${plural(list.length, 'run')}), spread over its steps ` +
      `(longest: ${steps}); no single step dominates.`;
  return {
    id: findingId('slow', run.name, job.name),
    category: 'slow',
    severity: med > config.slow.jobMinutes * 120 || why ? 'medium' : 'low',
    kind: why?.config ? 'hygiene' : 'infra',
    title: dominant
      ? `${where} takes ${formatDuration(med)}, ${Math.round(share * 100)}% in "${dominant.label}"`
      : `${where} takes ${formatDuration(med)} per run`,
    subject: {
      workflow: run.name,
      job: job.name,
      ...(dominant ? { step: dominant.label } : {}),
      ...(action ? { action } : {}),
    },
    detail,
    frequency: frequency(history, occ),
    occurrences: occurrences(occ),
    matchTerms: [job.name, ...(dominant ? [dominant.label] : []), ...(action ? [action] : []), ...(why?.terms ?? [])],
    chart: chartOf(job.name, bars),
  };
}

/** Single tests that take more than `testSeconds`, or `testShare` of their job. */
function slowTests(history: History, config: Config, list: JobRun[]): Finding[] {
  const seen = new Map<string, { runner: string; occ: ReturnType<typeof occurrence>[]; max: number; share: number }>();
  for (const jr of list) {
    for (const t of history.logs[String(jr.job.id)]?.testDurations ?? []) {
      const share = jr.seconds > 0 ? t.seconds / jr.seconds : 0;
      // A floor keeps a 20s test in a 1-minute job from being "dominant".
      if (t.seconds <= config.slow.testSeconds && (share < config.slow.testShare || t.seconds < 30)) continue;
      const e = seen.get(t.test) ?? { runner: t.runner, occ: [], max: 0, share: 0 };
      e.occ.push(occurrence(jr.run, jr.job.url, jr.job.startedAt, formatDuration(t.seconds)));
      e.max = Math.max(e.max, t.seconds);
      e.share = Math.max(e.share, share);
      seen.set(t.test, e);
    }
  }
  const { run, job } = list[list.length - 1]!;
  return [...seen].map(([test, e]) => ({
    id: findingId('slow', run.name, job.name, 'test', test),
    category: 'slow',
    severity: e.max > config.slow.testSeconds * 2 ? 'medium' : 'low',
    kind: 'infra',
    title: `Test ${clip(test, 100)} takes ${formatDuration(e.max)} in ${run.name} / ${job.name}`,
    subject: { workflow: run.name, job: job.name, test },
    detail:
      `${test} (${e.runner}) took up to ${formatDuration(e.max)}, ${Math.round(e.share * 100)}% of its job, ` +
      `in ${plural(e.occ.length, 'run')} whose logs were read: one test bottlenecks the job.`,
    frequency: frequency(history, e.occ),
    occurrences: occurrences(e.occ),
    matchTerms: [test, test.split('::').pop() ?? test],
  }));
}

/** Earlier half and later half of a list, each needing at least `min` entries. */
function halves<T>(list: T[], min = 3): [T[], T[]] | null {
  if (list.length < min * 2) return null;
  const mid = Math.floor(list.length / 2);
  return [list.slice(0, mid), list.slice(list.length - mid)];
}

function regressionFinding(
  history: History,
  list: JobRun[],
  what: { key: string; step?: string; before: number; after: number; runs: JobRun[]; why: string },
): Finding {
  const { run, job } = list[list.length - 1]!;
  const occ = what.runs.map((j) => occurrence(j.run, j.job.url, j.job.startedAt, formatDuration(j.seconds)));
  const label = what.step ? `step "${what.step}" of ${run.name} / ${job.name}` : `${run.name} / ${job.name}`;
  return {
    id: findingId('slow', run.name, job.name, 'regression', what.key),
    category: 'slow',
    severity: 'medium',
    kind: 'regression',
    title: `${label} slowed from ${formatDuration(what.before)} to ${formatDuration(what.after)}`,
    subject: { workflow: run.name, job: job.name, ...(what.step ? { step: what.step } : {}) },
    detail: what.why,
    frequency: frequency(history, occ),
    occurrences: occurrences(occ),
    matchTerms: [job.name, ...(what.step ? [what.step] : [])],
  };
}

/** Setup/cache steps that grew (any branch: they should not depend on the change under test). */
function setupRegressions(history: History, config: Config, list: JobRun[]): Finding[] {
  const setup = compileAny(config.slow.setupSteps);
  const out: Finding[] = [];
  const names = new Set(list.flatMap((j) => j.job.steps.map((s) => s.name)));
  for (const step of names) {
    if (!setup?.test(step)) continue;
    const timed = list.filter((j) => stepSeconds(history, j.job).has(step));
    const h = halves(timed);
    if (!h) continue;
    const before = median(h[0].map((j) => stepSeconds(history, j.job).get(step)!));
    const after = median(h[1].map((j) => stepSeconds(history, j.job).get(step)!));
    if (after < before * config.slow.regressionFactor || after - before < 30) continue;
    if (rebuiltIn(history, h[1], step)) continue;
    const why =
      `Setup step "${step}" took a median ${formatDuration(before)} in the earlier ${plural(h[0].length, 'run')} and ` +
      `${formatDuration(after)} in the later ${h[1].length}: setup does not depend on the change under test, so this ` +
      'is a regression (a lost cache, a bigger install or fetch).';
    out.push(regressionFinding(history, list, { key: step, step, before, after, runs: h[1], why }));
  }
  return out;
}

/** The same branch slowing across its runs; branches are never compared with each other. */
function branchRegressions(history: History, config: Config, list: JobRun[]): Finding[] {
  const out: Finding[] = [];
  const branches = new Set(list.map((j) => j.run.branch));
  for (const branch of branches) {
    const h = halves(list.filter((j) => j.run.branch === branch));
    if (!h) continue;
    const before = median(h[0].map((j) => j.seconds));
    const after = median(h[1].map((j) => j.seconds));
    if (after < before * config.slow.regressionFactor || after - before < 60) continue;
    const grown = grownStep(history, h[0], h[1]);
    if (grown && rebuiltIn(history, h[1], grown.step)) continue;
    const why =
      `On branch ${branch}, ${list[0]!.job.name} took a median ${formatDuration(before)} in its earlier ` +
      `${plural(h[0].length, 'run')} and ${formatDuration(after)} in its later ${h[1].length}.` +
      (grown ? ` Most of it is in step "${grown.step}" (+${formatDuration(grown.grew)}).` : '');
    out.push(regressionFinding(history, list, { key: `branch:${branch}`, before, after, runs: h[1], why }));
  }
  return out;
}

function grownStep(history: History, before: JobRun[], after: JobRun[]): { step: string; grew: number } | null {
  const med = (list: JobRun[], step: string): number =>
    median(list.map((j) => stepSeconds(history, j.job).get(step) ?? 0));
  const steps = new Set(after.flatMap((j) => [...stepSeconds(history, j.job).keys()]));
  let best: { step: string; grew: number } | null = null;
  for (const step of steps) {
    const grew = med(after, step) - med(before, step);
    if (!best || grew > best.grew) best = { step, grew };
  }
  return best && best.grew > 0 ? best : null;
}

/** A step that grew because it rebuilt an image: the image-rebuild rule reports that, with its cause. */
function rebuiltIn(history: History, runs: JobRun[], step: string): boolean {
  return runs.some((j) =>
    matchesInStep(history, j.job, step).some((m) => m.key === 'cacheMiss' || m.key === 'notesFetchFailed'),
  );
}

export const slowRule: Rule = {
  name: 'slow',
  wantsLogs(history: History, config: Config): LogRequest[] {
    const jobs = jobRuns(history);
    const out: LogRequest[] = [];
    for (const key of longJobs(jobs, config)) {
      const list = jobs.get(key)!;
      for (const jr of list.slice(-2)) out.push({ jobId: jr.job.id, reason: 'slow', priority: 60 });
    }
    return out;
  },
  run(history: History, config: Config): Finding[] {
    const jobs = jobRuns(history);
    const out: Finding[] = [];
    for (const key of longJobs(jobs, config)) out.push(slowJobFinding(history, config, jobs.get(key)!));
    for (const list of jobs.values()) {
      out.push(...slowTests(history, config, list));
      out.push(...setupRegressions(history, config, list), ...branchRegressions(history, config, list));
    }
    return out;
  },
};
