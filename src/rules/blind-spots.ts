/**
 * Audit blind spots: active workflows with no run in the sample (say a workflow that runs only
 * on release branches). The audit cannot speak for them, and a reader should know that.
 */
import type { Config } from '../config-types.js';
import { findingId } from '../findings.js';
import type { Finding, History } from '../types.js';

function baseName(path: string): string {
  return path.split('/').pop() ?? path;
}

/** Whether a workflow is named by a list of workflow names or file names. */
function named(list: string[], name: string, path: string): boolean {
  const want = new Set(list.map((x) => x.trim().toLowerCase()));
  return [name, path, baseName(path)].some((x) => want.has(x.toLowerCase()));
}

/** Active workflows with no run in the sample: the audit cannot speak for them. */
/** `2026-11-24 06:00 UTC`: the form the report uses for every time. */
const utcMinute = (iso: string): string =>
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(iso) ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : iso;

export function blindSpotFindings(history: History, config: Config): Finding[] {
  const filters = history.filters ?? { workflows: [], branches: [] };
  // A sample filtered on purpose leaves the rest out by choice, not by blind spot.
  if (filters.branches.length > 0) return [];
  const sampled = new Set(history.runs.flatMap((r) => [String(r.workflowId), r.workflowPath]));
  // Runs listed but not read yet (a window filling in): in the window, so no blind spot.
  for (const u of history.unread ?? []) sampled.add(u.path);
  const out: Finding[] = [];
  for (const wf of history.workflows) {
    if (wf.state !== 'active' || !wf.path.startsWith('.github/workflows/')) continue;
    if (sampled.has(String(wf.id)) || sampled.has(wf.path)) continue;
    if (named(config.other.expectedUnsampled, wf.name, wf.path)) continue;
    if (filters.workflows.length > 0 && !named(filters.workflows, wf.name, wf.path)) continue;
    const w = history.window;
    out.push({
      id: findingId('other', 'blind-spot', wf.path),
      category: 'other',
      severity: 'low',
      kind: 'hygiene',
      title: `The audit did not see ${wf.name} (${baseName(wf.path)}): no run in the sample`,
      subject: { workflow: wf.name },
      detail:
        `${wf.name} (${wf.path}) is active but none of its runs was in the audited sample (window ` +
        `${w.requested}, ${utcMinute(w.from)} to ${utcMinute(w.to)}), so the audit did not see it: it may run only on other ` +
        'branches (releases), on a schedule or by hand. To include it, name it in the `workflows` input with its ' +
        'branches in `branches`, or use a longer `window`; if it is expected, list it in ' +
        '`other.expectedUnsampled` in the rules file.',
      // No run to link to: the finding is about the sample itself.
      frequency: { runs: 0, of: history.runs.length, branches: 0 },
      occurrences: [],
      matchTerms: [wf.path, wf.name],
    });
  }
  return out;
}
