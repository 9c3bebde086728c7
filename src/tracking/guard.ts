/**
 * Never lose the tracking issue: a failed or badly partial collection must not overwrite a
 * good issue with an empty or thinner report (its findings would show as "resolved" when
 * they were only unobserved).
 */
import type { AuditState } from './state.js';
import type { History, Run } from '../types.js';

export interface Decision {
  publish: boolean;
  /** Why not, in a sentence for the log and the summary. */
  reason: string | null;
}

const PUBLISH: Decision = { publish: true, reason: null };
const keep = (reason: string): Decision => ({ publish: false, reason: `${reason}; the previous report is kept` });

/** A completed run always has jobs, except a startup failure (the workflow file never ran). */
const shouldHaveJobs = (r: Run): boolean => r.status === 'completed' && r.conclusion !== 'startup_failure';

function emptyCollection(history: History, previous: AuditState | null): Decision | null {
  if (history.runs.length > 0) return null;
  if (history.gaps.length > 0) {
    const first = history.gaps[0]!;
    return keep(`no run could be read (${first.what}: ${first.reason})`);
  }
  if (previous && Object.keys(previous.findings).length > 0) {
    return keep(
      `no runs in the window "${history.window.requested}", so the previous findings were not observed either way; ` +
        'widen the `window` input (or check the `workflows`/`branches` filters)',
    );
  }
  return null;
}

function unreadableJobs(history: History): Decision | null {
  const expected = history.runs.filter(shouldHaveJobs);
  const missing = expected.filter((r) => r.jobs.length === 0).length;
  if (missing < 2 || missing * 2 <= expected.length) return null;
  return keep(
    `the jobs of ${missing} of ${expected.length} completed runs could not be read` +
      (history.api.truncated
        ? ` (collection stopped early${history.api.truncatedHint ? `: ${history.api.truncatedHint}` : ''})`
        : '') +
      '; check the token has `actions: read`, or raise `budget.maxRequests` in the rules file',
  );
}

function truncatedShort(history: History, previous: AuditState): Decision | null {
  if (!history.api.truncated) return null;
  const before = previous.runs;
  const fewer = before !== undefined && history.runs.length < before;
  const logs = Object.keys(history.logs).length;
  const noLogs = logs === 0;
  const fewerLogs = previous.logs !== undefined && logs < previous.logs;
  // A cut-short audit cannot tell a resolved finding from an unobserved one (a finding made from
  // a log that was not read this time): it may replace a good issue only when it saw at least
  // as much as the last audit did.
  if (!fewer && !noLogs && !fewerLogs) return null;
  const hint = history.api.truncatedHint ?? 'raise `budget.maxRequests` in the rules file or narrow the `window` input';
  const saw = before !== undefined ? ` where the previous audit covered ${before}` : '';
  const read = noLogs
    ? ' and read no log'
    : fewerLogs
      ? ` and read ${logs} job logs where the previous audit read ${previous.logs}`
      : '';
  return keep(`collection stopped early and covered ${history.runs.length} runs${saw}${read}; ${hint}`);
}

export function publishDecision(history: History, previous: AuditState | null): Decision {
  const empty = emptyCollection(history, previous);
  if (empty) return empty;
  // Without a previous state there is no good issue to protect: a partial first report,
  // with its gaps listed, is better than none.
  if (!previous) return PUBLISH;
  return unreadableJobs(history) ?? truncatedShort(history, previous) ?? PUBLISH;
}
