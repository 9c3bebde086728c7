/**
 * Where a job's time goes: its latest-attempt runs grouped by workflow + job, seconds per
 * step (from step timings, else the log's sections), and the log lines printed by a step.
 */
import { median, seconds } from '../findings.js';
import type { History, Job, LogMatch, Run } from '../types.js';
import { latestJobs, workflowKey } from './util.js';
import { append } from '../util/append.js';

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
      const key = `${workflowKey(run)}\u0000${job.name}`;
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
export function breakdown(history: History, list: JobRun[]): { label: string; value: number }[] {
  const per = new Map<string, number[]>();
  for (const jr of list) for (const [name, s] of stepSeconds(history, jr.job)) append(per, name, s);
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
