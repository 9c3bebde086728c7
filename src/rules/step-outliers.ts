/**
 * A step slow for its value: the same action takes much longer in one job than in every other
 * job of the repository that uses it (`actions/checkout` taking minutes in one job, seconds in
 * the others: `fetch-depth: 0`). That job may not be slow overall, nor the step a large share
 * of it, so the slow rule's share test misses it. Compared per action (`Run owner/name@ref`
 * steps); a step named by its workflow (`name:`) cannot be matched across jobs and is left out.
 * An action slow everywhere is no outlier. The cause comes from the job's log when it was read.
 */
import type { Config } from '../config-types.js';
import { findingId, formatDuration, median } from '../findings.js';
import type { Finding, History, Job, LogRequest, Rule, Run, Step } from '../types.js';
import { clip, frequency, latestJobs, occurrence, occurrences, workflowKey } from './util.js';
import { LOG_PRIORITY } from './log-priority.js';
import { append } from '../util/append.js';

/** An outlier takes at least this many times the median of the other jobs' medians... */
export const STEP_FACTOR = 5;
/** ...and at least this many seconds more. */
const MIN_EXTRA_SECONDS = 60;
/** Fewest other kinds of job using the action, and fewest runs of each to tell its usual time. */
const MIN_OTHER_KINDS = 2;
const MIN_RUNS = 2;

const ACTION = /^(?:Run|Post Run) ([\w.-]+\/[\w.-]+)(?:\/[\w./-]+)?@\S+$/;

/** A successful use of an action: the step by its number (a window holds ~100,000; the step itself is found again for the few outliers). */
interface Use {
  run: Run;
  job: Job;
  number: number;
  s: number;
}

/** The step of a use (its name and start, for the finding). */
const stepOf = (u: Use): Step => u.job.steps.find((st) => st.number === u.number)!;

const seconds = (st: Step): number | null =>
  st.startedAt && st.completedAt ? (Date.parse(st.completedAt) - Date.parse(st.startedAt)) / 1000 : null;

/** action -> kind of job -> its uses. */
function usesByAction(history: History): Map<string, Map<string, Use[]>> {
  const out = new Map<string, Map<string, Use[]>>();
  for (const run of history.runs) {
    for (const job of latestJobs(run)) {
      for (const step of job.steps) {
        const m = ACTION.exec(step.name);
        const s = seconds(step);
        if (!m || s === null || step.conclusion !== 'success') continue;
        const action = `${step.name.startsWith('Post ') ? 'post ' : ''}${m[1]!.toLowerCase()}`;
        const kind = `${workflowKey(run)}\u0000${job.name}`;
        const kinds = out.get(action) ?? new Map<string, Use[]>();
        append(kinds, kind, { run, job, number: step.number, s });
        out.set(action, kinds);
      }
    }
  }
  return out;
}

interface Outlier {
  action: string;
  uses: Use[];
  usual: number;
  elsewhere: number;
  others: number;
}

function outliers(history: History): Outlier[] {
  const out: Outlier[] = [];
  for (const [action, kinds] of usesByAction(history)) {
    const medians = new Map(
      [...kinds].filter(([, u]) => u.length >= MIN_RUNS).map(([k, u]) => [k, median(u.map((x) => x.s))]),
    );
    for (const [kind, usual] of medians) {
      const others = [...medians].filter(([k]) => k !== kind).map(([, m]) => m);
      if (others.length < MIN_OTHER_KINDS) continue;
      const elsewhere = median(others);
      // Slow only when every other job is fast: an action slow in several jobs is its own cost.
      if (usual < STEP_FACTOR * elsewhere || usual - elsewhere < MIN_EXTRA_SECONDS) continue;
      if (others.some((m) => m >= usual / STEP_FACTOR)) continue;
      out.push({ action, uses: kinds.get(kind)!, usual, elsewhere, others: others.length });
    }
  }
  return out;
}

/** The log's reason for the slow step: a full-history fetch, else the first match in its section. */
function cause(history: History, o: Outlier): { text: string; read: number } {
  const read = o.uses.filter((u) => history.logs[String(u.job.id)]);
  for (const u of read) {
    const name = stepOf(u).name;
    const matches = history.logs[String(u.job.id)]!.matches.filter((m) => m.section === name);
    const full = matches.find((m) => m.key === 'fullHistoryFetch');
    if (full)
      return {
        text: ` Its log shows the whole history fetched (\`${clip(full.line, 120)}\`): \`fetch-depth: 0\` fetches every branch and tag; a shallow fetch (the default, or the depth the job needs) takes seconds.`,
        read: read.length,
      };
    const any = matches.find((m) => m.key !== 'error');
    if (any) return { text: ` Its log says: "${clip(any.line, 200)}".`, read: read.length };
  }
  return {
    text:
      read.length > 0
        ? ` The ${read.length === 1 ? 'log read shows' : 'logs read show'} no cause.`
        : ' Its log was not read.',
    read: read.length,
  };
}

function toFinding(history: History, o: Outlier): Finding {
  const { run, job } = o.uses[0]!;
  const step = stepOf(o.uses[0]!);
  const why = cause(history, o);
  const occ = o.uses
    .filter((u) => u.s >= STEP_FACTOR * o.elsewhere)
    .map((u) => occurrence(u.run, u.job.url, stepOf(u).startedAt ?? u.job.startedAt, formatDuration(u.s)));
  return {
    id: findingId('slow', 'step-outlier', workflowKey(run), job.name, o.action),
    category: 'slow',
    severity: o.usual >= 300 ? 'medium' : 'low',
    kind: 'hygiene',
    title: `${step.name} takes ${formatDuration(o.usual)} in ${run.name} / ${job.name}, ${formatDuration(o.elsewhere)} elsewhere`,
    subject: { workflow: run.name, job: job.name, step: step.name },
    // When the slow-job rule names this step as the job's cause, the two are one finding.
    causedBy: findingId('slow', workflowKey(run), job.name),
    detail:
      `Step "${step.name}" takes a median ${formatDuration(o.usual)} in ${run.name} / ${job.name} ` +
      `and ${formatDuration(o.elsewhere)} in the ${o.others} other jobs that use ${o.action}.` +
      why.text,
    frequency: frequency(history, occ),
    occurrences: occurrences(occ),
    matchTerms: [o.action, job.name],
  };
}

export const stepOutliersRule: Rule = {
  name: 'stepOutliers',
  category: 'slow',
  /** The newest run of each outlier: its log may say why the step is slow. */
  wantsLogs(history: History): LogRequest[] {
    return outliers(history).map((o) => {
      const newest = [...o.uses].sort((a, b) => b.run.createdAt.localeCompare(a.run.createdAt))[0]!;
      return { jobId: newest.job.id, reason: 'slow-step', priority: LOG_PRIORITY.slowStep };
    });
  },
  run(history: History, _config: Config): Finding[] {
    return outliers(history).map((o) => toFinding(history, o));
  },
};
