/** Assembles the JSON report (its schema is in the README) from the history and the enriched findings. */
import type { Finding, History, Report, ResolvedFinding } from './types.js';

/** Fields of a finding that belong to the contract's JSON; internal helpers are dropped. */
function publicFinding(f: Finding): Finding {
  const { matchTerms, chart, muted, ...rest } = f;
  void matchTerms;
  return { ...rest, ...(muted ? { muted } : {}), ...(chart ? { chart } : {}) };
}

export function buildReport(history: History, findings: Finding[], resolved: ResolvedFinding[], now: Date): Report {
  const jobs = history.runs.reduce((n, r) => n + r.jobs.length, 0);
  return {
    schemaVersion: 1,
    repository: history.repository,
    generatedAt: now.toISOString(),
    window: history.window,
    sample: {
      runs: history.runs.length,
      jobs,
      checkRuns: history.checkRuns.length + jobs,
      logsRead: Object.keys(history.logs).length,
      apiRequests: history.api.requests,
    },
    findings: findings.map(publicFinding),
    resolved,
    gaps: history.gaps,
  };
}

/** Open findings: not muted (muted ones stay in the report but out of the counts). */
export function openFindings(report: Report): Finding[] {
  return report.findings.filter((f) => !f.muted);
}
