/**
 * What an audit looked at, so that a finding it could not re-check is never called
 * resolved. A finding made from job logs goes away when its logs are not read (410 Gone,
 * rate-limited, or simply not sampled under `max-logs`): that is "not re-checked", not
 * "fixed". Each state entry remembers where its evidence lives (the workflow, and the jobs
 * whose logs showed it); a later audit calls it resolved only after looking there again.
 */
import type { AuditState, Evidence } from '../tracking/state.js';
import type { Category, Finding, History, Iso, ResolvedFinding } from '../types.js';

/** A previous finding absent now whose evidence was not looked at: carried over, not resolved. */
export type Unchecked = ResolvedFinding & { why: string };

const MAX_JOBS = 3;
const MAX_NAME = 100;

/** Categories that come from logs when an older state recorded no evidence. */
const LOG_CATEGORIES: readonly Category[] = ['log-noise', 'image-rebuild', 'coverage'];

/** What this audit sampled: workflows with runs, and (workflow, job) pairs with a log read. */
export interface Coverage {
  workflows: Set<string>;
  /** `workflow\u0000job` of every job whose log was read, and `\u0000job` for any workflow. */
  logJobs: Set<string>;
  logsRead: number;
  /** Workflow name -> runs of it listed in the window but not read (a window still filling in). */
  unread: Map<string, number>;
}

export function coverageOf(history: Pick<History, 'runs' | 'logs' | 'unread'>): Coverage {
  const cov: Coverage = {
    workflows: new Set(),
    logJobs: new Set(),
    logsRead: Object.keys(history.logs).length,
    unread: new Map((history.unread ?? []).map((u) => [u.workflow, u.runs])),
  };
  for (const run of history.runs) {
    cov.workflows.add(run.name);
    for (const job of run.jobs) {
      if (!history.logs[String(job.id)]) continue;
      cov.logJobs.add(`${run.name}\u0000${job.name}`);
      cov.logJobs.add(`\u0000${job.name}`);
    }
  }
  return cov;
}

/** The evidence of a finding of this audit: its workflow, and the jobs of its runs whose logs were read. */
export function evidenceOf(f: Finding, history: Pick<History, 'runs' | 'logs'>): Evidence {
  const ev: Evidence = {};
  // Only evidence from runs: a finding about the absence of runs (a blind spot) has none to re-check.
  if (f.subject.workflow && f.occurrences.length > 0) ev.w = f.subject.workflow.slice(0, MAX_NAME);
  const runs = new Set(f.occurrences.map((o) => o.runId));
  const jobs = new Set<string>();
  for (const run of history.runs) {
    if (!runs.has(run.id)) continue;
    for (const job of run.jobs) {
      // A matrix job's legs ("test (3.12)") are reported under their base name ("test").
      const subject = f.subject.job;
      if (subject && job.name !== subject && !job.name.startsWith(`${subject} (`)) continue;
      if (history.logs[String(job.id)]) jobs.add(job.name.slice(0, MAX_NAME));
    }
  }
  if (jobs.size > 0) ev.l = [...jobs].sort().slice(0, MAX_JOBS);
  return ev;
}

/**
 * Whether this audit looked where the evidence of a finding of the previous audit lives,
 * so that its absence now means it is gone. Null when it did; else why not, for the gap.
 */
export function notRechecked(ev: Evidence | undefined, category: Category, cov: Coverage): string | null {
  // Its evidence may be in the runs not read yet: absence among the runs read proves nothing.
  const unread = ev?.w !== undefined ? (cov.unread.get(ev.w) ?? 0) : 0;
  if (unread > 0) return `${unread} run${unread === 1 ? '' : 's'} of ${ev!.w} in the window not read yet`;
  if (ev?.l?.length) {
    const read = ev.l.some((job) => cov.logJobs.has(`${ev.w ?? ''}\u0000${job}`));
    return read ? null : `no log of ${ev.l.join(', ')} was read in this audit`;
  }
  if (ev?.w !== undefined && !cov.workflows.has(ev.w)) return `no run of the workflow ${ev.w} was sampled`;
  // A state written before evidence was recorded: a log-made finding needs some log read.
  if (!ev && LOG_CATEGORIES.includes(category) && cov.logsRead === 0) return 'no job log was read in this audit';
  return null;
}

/** A finding carried over unchecked this long is forgotten (moved to `gone`), still never called resolved. */
const CARRY_DAYS = 30;

/**
 * Previous findings absent now: resolved when this audit looked where their evidence lives,
 * else carried over into `state` unchanged (first seen, mute) and listed as unchecked.
 */
export function carryUnchecked(
  findings: Finding[],
  previous: AuditState | null,
  state: AuditState,
  now: Iso,
  history: Pick<History, 'runs' | 'logs' | 'unread'> | undefined,
): { resolved: ResolvedFinding[]; unchecked: Unchecked[] } {
  const current = new Set(findings.map((f) => f.id));
  const cov = history ? coverageOf(history) : null;
  const resolved: ResolvedFinding[] = [];
  const unchecked: Unchecked[] = [];
  for (const [id, e] of Object.entries(previous?.findings ?? {})) {
    if (current.has(id)) continue;
    const why = cov ? notRechecked(e.ev, e.category, cov) : null;
    if (why === null) {
      resolved.push({ id, category: e.category, title: e.title });
      continue;
    }
    const since = e.carried ?? now;
    unchecked.push({ id, category: e.category, title: e.title, why });
    if (Date.parse(now) - Date.parse(since) <= CARRY_DAYS * 86_400_000) state.findings[id] = { ...e, carried: since };
  }
  return { resolved, unchecked };
}
