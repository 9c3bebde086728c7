/**
 * Slow: jobs slow for any value (median over their runs) or that end last in long runs,
 * broken down per step before any test is blamed; single tests that dominate a job; and
 * regressions, only where they are real: setup/cache steps that grew, or the SAME branch
 * that slowed. Cross-branch differences are test-phase variance and never a regression.
 */
import type { z } from 'zod';
import { amount, patterns, share, section } from '../config-fields.js';
import type { Config } from '../config-types.js';
import { findingId, formatDuration, median, timeLost } from '../findings.js';
import type { ChartData, Finding, History, Job, LogRequest, Rule } from '../types.js';
import { branchRegressions, setupRegressions } from './slow-regressions.js';
import { breakdown, type JobRun, jobRuns, matchesInStep, stepSeconds } from './slow-steps.js';
import { actionRefs, clip, frequency, occurrence, occurrences, plural, workflowKey } from './util.js';
import { LOG_PRIORITY } from './log-priority.js';
import { append } from '../util/append.js';

/** This rule's section of the rules file (`slow:`). */
const CONFIG = section({
  jobMinutes: amount(20, 0, true).describe('A job longer than this (minutes, median over runs) is slow for any value.'),
  stepShare: share(0.4).describe('A step is named as the cause when it takes at least this share of the job.'),
  testSeconds: amount(120, 0, true).describe('A single test longer than this (seconds) dominates its job.'),
  testShare: share(0.25).describe('…or takes at least this share of its job.'),
  regressionFactor: amount(1.5, 1, true).describe(
    'Same-branch or setup-step growth by this factor counts as a regression.',
  ),
  setupSteps: patterns(['checkout', 'cache', 'setup', 'install', 'restore', 'build image', 'docker']).describe(
    'Steps whose names match (regex) are setup/cache steps, compared across branches.',
  ),
});

declare module '../config-types.js' {
  interface RuleSections {
    slow: z.output<typeof CONFIG>;
  }
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
          `its log shows a full-history fetch${/^fetch-depth: 0$/.test(full.line.trim()) ? '' : ` (\`${clip(full.line, 120)}\`)`}: ` +
          'with `fetch-depth: 0`, actions/checkout fetches every commit of every branch and tag. Fetch only what the ' +
          'job needs (the default depth 1, or a bounded depth) to cut this step.',
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
  for (const list of jobs.values()) for (const jr of list) append(byRun, jr.run.id, jr);
  for (const list of byRun.values()) {
    const start = Math.min(...list.map((j) => Date.parse(j.job.startedAt!)));
    const endJob = list.reduce((a, b) => (Date.parse(b.job.completedAt!) > Date.parse(a.job.completedAt!) ? b : a));
    const span = (Date.parse(endJob.job.completedAt!) - start) / 1000;
    if (span <= limit) continue;
    const key = `${workflowKey(endJob.run)}\u0000${endJob.job.name}`;
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
  // With a known cause, the dominant step's time is what a fix wins back; otherwise no estimate.
  const lost = dominant && why ? timeLost(history.window, dominant.value * occ.length) : undefined;
  return {
    id: findingId('slow', workflowKey(run), job.name),
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
    ...(lost ? { timeLost: lost } : {}),
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
  const read = list.filter((jr) => history.logs[String(jr.job.id)]).length;
  return [...seen].map(([test, e]) => ({
    id: findingId('slow', workflowKey(run), job.name, 'test', test),
    category: 'slow',
    severity: e.max > config.slow.testSeconds * 2 ? 'medium' : 'low',
    kind: 'infra',
    title: `Test ${clip(test, 100)} takes ${formatDuration(e.max)} in ${run.name} / ${job.name}`,
    subject: { workflow: run.name, job: job.name, test },
    detail:
      `${test} (${e.runner}) took up to ${formatDuration(e.max)}, ${Math.round(e.share * 100)}% of its job, ` +
      `in ${e.occ.length} of the ${plural(read, 'log')} read (of ${plural(list.length, 'run')} of the job): ` +
      'one test bottlenecks the job.',
    frequency: { ...frequency(history, e.occ), logsRead: read, eligible: list.length },
    occurrences: occurrences(e.occ),
    matchTerms: [test, test.split('::').pop() ?? test],
  }));
}

export const slowRule: Rule = {
  name: 'slow',
  category: 'slow',
  config: { section: 'slow', schema: CONFIG },
  wantsLogs(history: History, config: Config): LogRequest[] {
    const jobs = jobRuns(history);
    const out: LogRequest[] = [];
    const long = longJobs(jobs, config);
    for (const [key, list] of jobs) {
      if (long.has(key)) {
        for (const jr of list.slice(-2)) out.push({ jobId: jr.job.id, reason: 'slow', priority: LOG_PRIORITY.slow });
        continue;
      }
      // A job long enough to hide a dominant test: one passing log, read only if logs are left.
      const passed = list.filter((j) => j.job.conclusion === 'success');
      const last = passed[passed.length - 1];
      if (last && median(list.map((j) => j.seconds)) >= config.slow.testSeconds * 2) {
        out.push({ jobId: last.job.id, reason: 'slow-tests', priority: LOG_PRIORITY.slowTests });
      }
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
