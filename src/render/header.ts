/**
 * The parts of the report around the findings: what was sampled, what it cost, what could not
 * be read, what resolved, and the footer.
 */
import { VOLATILE_MARK } from '../tracking/state.js';
import type { ApiUsage, Gap, Report, ResolvedFinding, Run, WindowInfo, Workflow } from '../types.js';
import { CATEGORY_LABEL } from '../rules/categories.js';
import { day, minute } from './finding.js';
import { codeSpan, details, inline, plural } from './markdown.js';

/**
 * Every line that changes on each audit even when nothing else did (dates, request counts) ends
 * with VOLATILE_MARK, so the publisher ignores it when deciding whether to edit the issue.
 */
export { VOLATILE_MARK };

const volatile = (line: string): string => `${line} ${VOLATILE_MARK}`;

function num(n: number): string {
  return n.toLocaleString('en-US');
}

/** Workflow names that had runs in the window, and those that did not. */
function workflowLine(runs: Run[], workflows: Workflow[]): string {
  const sampled = [...new Set(runs.map((r) => r.name))].sort((a, b) => a.localeCompare(b));
  if (sampled.length === 0) return '';
  const ids = new Set(runs.map((r) => r.workflowId));
  const unsampled = workflows.filter((w) => !ids.has(w.id) && w.state === 'active').length;
  const names = sampled.slice(0, 12).map((n) => inline(n, 60));
  if (sampled.length > 12) names.push(`and ${sampled.length - 12} more`);
  const none = unsampled > 0 ? ` (${plural(unsampled, 'active workflow')} had no runs in the window)` : '';
  return `**Workflows:** ${names.join(', ')}${none}`;
}

/** Per job: how many of its runs' logs were read ("CI / test 12 of 60"), jobs with most runs first. */
function logsLine(runs: Run[], logs: Record<string, unknown> | undefined): string {
  if (!logs || runs.length === 0 || Object.keys(logs).length === 0) return '';
  const jobs = new Map<string, { runs: number; read: number }>();
  for (const run of runs) {
    const latest = new Map<string, { id: number; attempt: number }>();
    for (const j of run.jobs)
      if ((latest.get(j.name)?.attempt ?? -1) < j.runAttempt) latest.set(j.name, { id: j.id, attempt: j.runAttempt });
    for (const [name, j] of latest) {
      const e = jobs.get(`${run.name} / ${name}`) ?? { runs: 0, read: 0 };
      e.runs++;
      if (logs[String(j.id)]) e.read++;
      jobs.set(`${run.name} / ${name}`, e);
    }
  }
  const list = [...jobs].sort((a, b) => b[1].read - a[1].read || b[1].runs - a[1].runs || a[0].localeCompare(b[0]));
  const shown = list.slice(0, 8).map(([name, e]) => `${inline(name, 60)} ${num(e.read)} of ${num(e.runs)}`);
  if (list.length > 8) shown.push(`${plural(list.length - 8, 'more job')}`);
  return `**Logs read per job (of its runs):** ${shown.join(', ')}`;
}

export function apiLine(api: ApiUsage): string {
  const parts = [`${plural(api.requests, 'REST request')}`];
  if (api.notModified > 0) parts.push(`${num(api.notModified)} answered from cache`);
  if (api.graphqlPoints > 0) parts.push(plural(api.graphqlPoints, 'GraphQL point'));
  if (api.allowance !== undefined) {
    const left = Math.max(0, api.allowance - api.requests - api.graphqlPoints);
    parts.push(`${num(left)} of the nightly allowance of ${num(api.allowance)} left`);
  } else if (api.budget !== undefined && api.budgetLeft !== undefined) {
    parts.push(`${num(api.budgetLeft)} of the ${num(api.budget)} budget left`);
  }
  if (api.rateLimitRemaining !== undefined) parts.push(`rate limit ${num(api.rateLimitRemaining)} remaining`);
  if (api.graphqlRemaining !== undefined) parts.push(`${num(api.graphqlRemaining)} GraphQL points remaining`);
  return `**API:** ${parts.join(' · ')}`;
}

/** The `window` input in words: "the last 50 runs", "the last 7d". */
function windowLabel(requested: string): string {
  return /^\d+$/.test(requested.trim())
    ? `window: the last ${plural(Number(requested), 'run')}`
    : `window: the last ${codeSpan(requested, 20)}`;
}

/** Gaps that only say which logs were not read (over `max-logs`, expired, missing): evidence, not a warning. */
const SKIPPED_LOGS = /^(\d+) more job logs? the rules asked for$/;
const LOG_OF_JOB = /^logs of job \d+/;
export const isEvidenceGap = (g: Gap): boolean => SKIPPED_LOGS.test(g.what) || LOG_OF_JOB.test(g.what);

/**
 * What was read and what was not, in one line: "40 of the 98 job logs the rules asked for
 * were read; 57 not read (over input max-logs, 40), 1 gone (404 Not Found)".
 */
/** A stage that stopped collection: `details and later stages` (collect/index.ts). */
const CUT_SHORT = /^(.+) and later stages$/;

export function evidenceLine(logsRead: number, gaps: Gap[]): string {
  // Collection cut short before its logs (or during them): the rules' asks were never all made,
  // so "every one the rules asked for" would not be true.
  const cut = gaps.map((g) => CUT_SHORT.exec(g.what)).find((m) => m && m[1] !== 'older runs');
  const why = cut ? inline(gaps.find((g) => g.what === cut[0])!.reason.split(':')[0]!, 80) : '';
  if (cut && cut[1] !== 'logs')
    return `**Evidence:** ${plural(logsRead, 'job log')} read: collection stopped before the logs (${why}), so no finding could use one`;
  let skipped = 0;
  let skipReason = '';
  const gone = new Map<string, number>();
  for (const g of gaps) {
    const m = SKIPPED_LOGS.exec(g.what);
    if (m) {
      skipped += Number(m[1]);
      skipReason ||= g.reason.replace(/^not read: /, '');
    } else if (LOG_OF_JOB.test(g.what)) {
      gone.set(g.reason, (gone.get(g.reason) ?? 0) + 1);
    }
  }
  const goneN = [...gone.values()].reduce((a, b) => a + b, 0);
  const asked = logsRead + skipped + goneN;
  const notRead: string[] = [];
  if (skipped > 0) notRead.push(`${num(skipped)} ${inline(skipReason, 200)}`);
  for (const [reason, n] of gone) notRead.push(`${num(n)} unavailable (${inline(reason, 80)})`);
  if (cut) notRead.push(`the rest: the logs were cut short (${why})`);
  if (notRead.length === 0) return `**Evidence:** ${plural(logsRead, 'job log')} read, every one the rules asked for`;
  return `**Evidence:** ${num(logsRead)} of the ${plural(asked, 'job log')} the rules asked for were read; not read: ${notRead.join('; ')}`;
}

const STOPPED_BY: Record<NonNullable<ApiUsage['truncatedBy']>, string> = {
  budget: 'request budget',
  allowance: 'nightly allowance',
  'rate-limit': 'rate limit',
};

/**
 * How much of the window this audit covered, when not all of it. A window whose runs the run
 * cache keeps is still filling in (a note, not a failure: the next audits read the rest, and
 * a finding is about the runs read). Collection cut short with nothing kept for later, or by
 * the rate limit, is a warning. Nothing when the whole window was read.
 */
export function windowNote(read: number, w: Pick<WindowInfo, 'listed' | 'filling'>, api: ApiUsage): string {
  const listed = w.listed ?? read;
  const counts = `${num(read)} of its ${plural(listed, 'run')} read`;
  const hint = api.truncatedHint ? ` To reach further: ${inline(api.truncatedHint)}.` : '';
  const by = api.truncatedBy ? STOPPED_BY[api.truncatedBy] : 'request budget or rate limit';
  if (w.filling && read < listed && api.truncatedBy !== 'rate-limit') {
    const stop = api.truncated ? ` This audit ended when its ${by} was spent.${hint}` : '';
    return volatile(
      `> [!NOTE]\n> The window is still filling in: ${counts} so far. The run cache keeps them; each later audit ` +
        'reads the new runs first, then older ones with what its budget leaves (a nightly audit spends at most 25% ' +
        `of the hourly API limit), and runs that leave the window need no reading. Findings are about the runs read.${stop}`,
    );
  }
  if (!api.truncated) {
    if (read >= listed) return '';
    return volatile(
      `> [!NOTE]\n> The window is not complete: ${counts}. The run cache was not saved (a dry run saves none), ` +
        'so what this audit read is not kept for the next one.',
    );
  }
  const saw = read < listed ? `: ${counts}` : '';
  return `> [!WARNING]\n> Collection stopped early (${by}), so this audit saw less than the window${saw}.${hint}`;
}

export interface HeaderInput {
  report: Report;
  runs: Run[];
  workflows: Workflow[];
  api: ApiUsage;
  gaps: Gap[];
  /** Already a Markdown link. */
  previousIssueLink?: string;
  /** The log digests read, by job id: for the logs-per-job line. */
  logs?: Record<string, unknown>;
}

/** The sample: runs, window, branches, logs read, workflows, API spend. */
export function header(h: HeaderInput): string {
  const { report, runs, api } = h;
  const branches = new Set(runs.map((r) => r.branch)).size;
  const w = report.window;
  const sample =
    `**Sample:** ${plural(report.sample.runs, 'run')} on ${plural(branches, 'branch', 'branches')} ` +
    `from ${minute(w.from)} to ${minute(w.to)} (${windowLabel(w.requested)}), ` +
    `${plural(report.sample.jobs, 'job')}`;
  const lines = [
    `## CI audit of ${inline(report.repository, 140)}`,
    '',
    // A list, not hard line breaks: each volatile line must end with its mark.
    [
      volatile(sample),
      volatile(evidenceLine(report.sample.logsRead, h.gaps)),
      h.logs ? volatile(logsLine(runs, h.logs)) : '',
      workflowLine(runs, h.workflows),
      volatile(apiLine(api)),
    ]
      .filter((l) => l && l !== volatile(''))
      .map((l) => `- ${l}`)
      .join('\n'),
  ];
  const note = windowNote(report.sample.runs, report.window, api);
  if (note) lines.push('', note);
  if (h.previousIssueLink) lines.push('', `This issue replaces the ${h.previousIssueLink}, which was closed.`);
  return lines.join('\n');
}

/**
 * Which logs were asked for and could not be read (expired, missing): said plainly and collapsed,
 * not as a warning, since nothing can bring them back; each names its job, to look it up.
 */
export function unreadLogs(gaps: Gap[], max: number): string {
  const logs = gaps.filter((g) => LOG_OF_JOB.test(g.what));
  if (logs.length === 0) return '';
  const items = logs.slice(0, max).map((g) => `- ${inline(g.what, 160)}: ${inline(g.reason, 200)}`);
  if (logs.length > max) items.push(`- … and ${num(logs.length - max)} more (all in the JSON report)`);
  return details(`${plural(logs.length, 'log')} asked for could not be read`, items.join('\n'));
}

/**
 * What could not be read beyond skipped logs (which the evidence line states): data the
 * maintainer can act on (a permission, a budget, a failed rule), open when short, collapsed when long.
 */
export function gapsSection(all: Gap[], max: number): string {
  const gaps = all.filter((g) => !isEvidenceGap(g));
  if (gaps.length === 0) return '';
  const items = gaps.slice(0, max).map((g) => `- ${inline(g.what, 160)}: ${inline(g.reason, 200)}`);
  if (gaps.length > max) items.push(`- … and ${num(gaps.length - max)} more (all in the JSON report)`);
  const title = `⚠️ ${plural(gaps.length, 'thing', 'things')} could not be read`;
  return gaps.length <= 3 ? `**${title}:**\n\n${items.join('\n')}` : details(title, items.join('\n'));
}

/** The explicit empty state: a reader must see that the audit ran and found nothing. */
export function emptyState(report: Report): string {
  const w = report.window;
  const muted = report.findings.filter((f) => f.muted).length;
  const aside = muted > 0 ? ` (${plural(muted, 'muted finding')} below)` : '';
  return volatile(
    `✅ **No anomalies** in ${plural(report.sample.runs, 'run')} from ${day(w.from)} to ${day(w.to)}${aside}.`,
  );
}

export function resolvedSection(resolved: ResolvedFinding[], max: number): string {
  if (resolved.length === 0) return '';
  const items = resolved
    .slice(0, max)
    .map((r) => `- ✅ ${inline(r.title, 200)} (${CATEGORY_LABEL[r.category] ?? 'Other'})`);
  if (resolved.length > max) items.push(`- … and ${num(resolved.length - max)} more`);
  const body = items.join('\n');
  return `### Resolved since the last audit (${num(resolved.length)})\n\n${resolved.length > 10 ? details('Show', body) : body}`;
}

export function footer(report: Report, target: 'summary' | 'issue', canMute: boolean): string {
  const where =
    target === 'issue'
      ? `This issue is updated in place by every audit, never duplicated.${canMute ? ' Tick “Mute” under a finding to keep it out of the counts.' : ''}`
      : 'The JSON report (the `report-path` output) holds every finding in full.';
  return `---\n\n<sub>${where}</sub>\n\n${volatile(`<sub>Generated by audit-ci on ${minute(report.generatedAt)}.</sub>`)}`;
}
