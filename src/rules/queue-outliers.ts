/**
 * A few long waits for a runner: a median hides three runs that waited 20-30 minutes while the
 * rest started in seconds. A job's waits are outliers when each is above `other.queueMinutes`
 * and QUEUE_FACTOR times the job's median wait; reported when at least two runs have one and
 * they are few (at most a quarter of the job's runs: more is the median rule's). A single long
 * wait is a busy moment, not a pattern.
 */
import type { Config } from '../config-types.js';
import { findingId, formatDuration, median } from '../findings.js';
import type { Finding, History, Job, Rule, Run } from '../types.js';
import { queued } from './other.js';
import { frequency, latestJobs, occurrence, occurrences, plural, workflowKey } from './util.js';
import { append } from '../util/append.js';

/** An outlier waits at least this many times the job's median. */
export const QUEUE_FACTOR = 5;
/** Fewest runs of a job to tell its usual wait. */
const MIN_RUNS = 8;
/** Fewest outliers to report, and the most (as a share of the job's runs). */
const MIN_OUTLIERS = 2;
const MAX_SHARE = 0.25;

interface Wait {
  run: Run;
  job: Job;
  s: number;
}

function waitsByJob(history: History): Map<string, Wait[]> {
  const out = new Map<string, Wait[]>();
  for (const run of history.runs) {
    for (const job of latestJobs(run)) {
      const s = job.conclusion === 'skipped' ? null : queued(run, job);
      if (s === null) continue;
      const key = `${workflowKey(run)}\u0000${job.name}`;
      append(out, key, { run, job, s });
    }
  }
  return out;
}

function toFinding(history: History, config: Config, list: Wait[], slow: Wait[], usual: number): Finding {
  const { run, job } = slow[0]!;
  const sorted = [...slow].sort((a, b) => b.s - a.s);
  const [lo, hi] = [sorted.at(-1)!.s, sorted[0]!.s];
  const range = lo === hi ? formatDuration(hi) : `${formatDuration(lo)} to ${formatDuration(hi)}`;
  const labels = job.labels.length > 0 ? ` (runner labels [${job.labels.join(', ')}])` : '';
  const occ = sorted.map((w) => occurrence(w.run, w.job.url, w.job.createdAt, `queued ${formatDuration(w.s)}`));
  return {
    id: findingId('other', 'queue-outliers', workflowKey(run), job.name),
    category: 'other',
    severity: hi > config.other.queueMinutes * 180 ? 'medium' : 'low',
    kind: 'infra',
    title: `${plural(slow.length, 'run')} of ${run.name} / ${job.name} waited ${range} for a runner (usually ${formatDuration(usual)})`,
    subject: { workflow: run.name, job: job.name },
    detail:
      `${run.name} / ${job.name}${labels} usually starts ${formatDuration(usual)} after it is queued (median of ` +
      `${plural(list.length, 'run')}), but waited ${range} in ${plural(slow.length, 'run')}: no runner was free ` +
      `then (a busy pool, a runner outage, or a deployment environment awaiting approval).`,
    frequency: frequency(history, occ),
    occurrences: occurrences(occ),
    matchTerms: [job.name, 'queue', ...job.labels],
  };
}

export const queueOutliersRule: Rule = {
  name: 'queueOutliers',
  category: 'other',
  run(history: History, config: Config): Finding[] {
    const threshold = config.other.queueMinutes * 60;
    const out: Finding[] = [];
    for (const list of waitsByJob(history).values()) {
      if (list.length < MIN_RUNS) continue;
      const usual = median(list.map((w) => w.s));
      // A median above the threshold is the median rule's finding (other.ts).
      if (usual > threshold) continue;
      const slow = list.filter((w) => w.s > threshold && w.s >= QUEUE_FACTOR * usual);
      if (slow.length < MIN_OUTLIERS || slow.length > MAX_SHARE * list.length) continue;
      out.push(toFinding(history, config, list, slow, usual));
    }
    return out;
  },
};
