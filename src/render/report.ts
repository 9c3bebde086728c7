/**
 * One renderer for the job summary and the tracking issue body.
 *
 * Layout: header (sample, evidence, workflows, API) -> actionable gaps -> counts or the empty
 * state -> "What to fix first" (one table row per open finding, most important first, each
 * linking to its detail) -> details in the same order (a heading each, long lists collapsed,
 * charts beside their finding) -> already being fixed -> resolved -> muted -> logs that could not be read -> footer -> hidden
 * state (issue). Size: the whole document is re-rendered at lower detail until it fits; text is
 * never cut, so no code fence, table or <details> is ever left open.
 */
import type { Finding, History, Report } from '../types.js';
import { renderFinding, tableRow, type Detail, type FindingContext } from './finding.js';
import { emptyState, footer, gapsSection, header, resolvedSection, unreadLogs } from './header.js';
import { details, link, plural, table } from './markdown.js';

import { VOLATILE_MARK } from './header.js';
export { VOLATILE_MARK };

export interface RenderContext {
  report: Report;
  history: Pick<History, 'serverUrl' | 'workflows' | 'runs' | 'api' | 'defaultBranch' | 'gaps'> &
    Partial<Pick<History, 'logs'>>;
  target: 'summary' | 'issue';
  /** The issue body limit is 65,536 characters; the job summary 1 MiB. */
  maxChars: number;
  /** Hidden state marker (issue only), appended verbatim; counted against maxChars. */
  stateMarker?: string;
  /** When a human closed the previous tracking issue, the new one links it. */
  previousIssueUrl?: string;
  /** Renders the mute checkbox of a finding (issue only). */
  muteBox?: (id: string, muted: boolean) => string;
  /**
   * Whether an earlier audit was read to compare with (default true). Without one, nothing is
   * "new since the last audit": the first audit says so instead.
   */
  previousAudit?: boolean;
}

interface Plan {
  /** Detail of the `detailed` most important findings; the others get one line each. */
  level: Detail;
  detailed: number;
  /** Longest gaps/resolved lists shown. */
  listMax: number;
  /** Findings kept, most important first (the rest are counted in a note). */
  keep: number;
}

/**
 * Steps down in this order: fewer runs listed and shorter excerpts, then no charts; after
 * that (in `fit`) the least important findings collapse to one line, then are dropped.
 */
const LEVELS: Detail[] = [
  { occurrences: 3, maxOccurrences: 10, excerptLines: 30, charts: true, oneLine: false },
  { occurrences: 2, maxOccurrences: 5, excerptLines: 8, charts: true, oneLine: false },
  { occurrences: 2, maxOccurrences: 2, excerptLines: 8, charts: false, oneLine: false },
];
const ONE_LINE: Detail = { occurrences: 0, maxOccurrences: 0, excerptLines: 0, charts: false, oneLine: true };

/** Rows of the first table; the rest are counted (all of them are in the details below). */
const TABLE_ROWS = 25;

/** Open findings first (as sorted), then those being fixed, then muted: the order of dropping. */
function byPriority(findings: Finding[]): Finding[] {
  const open = findings.filter((f) => !f.muted && !f.fixedBy?.length);
  const fixing = findings.filter((f) => !f.muted && f.fixedBy?.length);
  return [...open, ...fixing, ...findings.filter((f) => f.muted)];
}

function countsLine(report: Report, previousAudit: boolean): string {
  const open = report.findings.filter((f) => !f.muted);
  const parts = [`**${plural(open.length, 'open finding')}**`];
  const fresh = open.filter((f) => f.status === 'new').length;
  if (!previousAudit) parts.push('no earlier audit to compare with');
  else parts.push(fresh > 0 ? `${fresh} new since the last audit` : 'none new since the last audit');
  const fixing = open.filter((f) => f.fixedBy?.length).length;
  if (fixing > 0) parts.push(`${fixing} already being fixed`);
  const muted = report.findings.length - open.length;
  if (muted > 0) parts.push(`${muted} muted (not counted)`);
  return parts.join(' · ');
}

/** Findings in a block: detailed ones as sections, one-liners as one tight list. */
function findingsBlock(list: Finding[], level: (f: Finding) => Detail, fctx: FindingContext): string {
  let out = '';
  let prevLine = false;
  for (const f of list) {
    const lvl = level(f);
    if (out) out += prevLine && lvl.oneLine ? '\n' : '\n\n';
    out += renderFinding(f, lvl, fctx);
    prevLine = lvl.oneLine;
  }
  return out;
}

/** "3", or "3 of 40 shown" when the size limit left some out. */
function count(shown: number, total: number): string {
  return shown === total ? String(total) : `${shown} of ${total} shown`;
}

/** The first screen: what to fix first, one row per open finding (being fixed last), linked to its detail. */
function priorityTable(list: Finding[]): string {
  if (list.length === 0) return '';
  const rows = list.slice(0, TABLE_ROWS).map(tableRow);
  const more = list.length - rows.length;
  const note = more > 0 ? `\n\n_${plural(more, 'more finding')} below, in the same order._` : '';
  return (
    '### What to fix first\n\n' +
    '_Most important first: severity (🔴 high, 🟠 medium, 🟡 low), then time lost per week (CI time, or waiting for a runner), then runs affected._\n\n' +
    table(['', 'Finding', 'Runs affected', 'Time lost / week', 'Kind'], rows, ['l', 'l', 'l', 'r', 'l']) +
    note
  );
}

function omittedNote(omitted: number, target: RenderContext['target']): string {
  const where = target === 'issue' ? 'the job summary and the JSON report list' : 'the JSON report lists';
  return `> [!NOTE]\n> ${plural(omitted, 'lower-priority finding is', 'lower-priority findings are')} left out to stay under the size limit; ${where} every finding.`;
}

function compose(ctx: RenderContext, plan: Plan): string {
  const { report, history } = ctx;
  const fctx: FindingContext = {
    serverUrl: history.serverUrl,
    runs: new Map(history.runs.map((r) => [r.id, r])),
    muteBox: ctx.target === 'issue' ? ctx.muteBox : undefined,
    previousAudit: ctx.previousAudit ?? true,
    trended: new Set(),
  };
  const ranked = byPriority(report.findings);
  const kept = new Set(ranked.slice(0, plan.keep));
  const detailed = new Set(ranked.slice(0, Math.min(plan.detailed, plan.keep)));
  const level = (f: Finding): Detail => (detailed.has(f) ? plan.level : ONE_LINE);
  const keptList = ranked.filter((f) => kept.has(f));
  const open = report.findings.filter((f) => !f.muted);
  const prev = ctx.previousIssueUrl
    ? link('previous tracking issue', ctx.previousIssueUrl, history.serverUrl)
    : undefined;
  const pending = keptList.filter((f) => !f.muted && !f.fixedBy?.length);
  const fixing = keptList.filter((f) => !f.muted && f.fixedBy?.length);

  const parts = [
    header({
      report,
      runs: history.runs,
      workflows: history.workflows,
      api: history.api,
      gaps: report.gaps,
      previousIssueLink: prev,
      logs: history.logs,
    }),
    gapsSection(report.gaps, plan.listMax),
    open.length === 0 ? emptyState(report) : countsLine(report, fctx.previousAudit),
    plan.keep < ranked.length ? omittedNote(ranked.length - plan.keep, ctx.target) : '',
    priorityTable([...pending, ...fixing]),
  ];
  if (pending.length > 0) {
    const total = open.filter((f) => !f.fixedBy?.length).length;
    parts.push(`### Details (${count(pending.length, total)})`, findingsBlock(pending, level, fctx));
  }
  if (fixing.length > 0) {
    const total = open.filter((f) => f.fixedBy?.length).length;
    parts.push(`### Already being fixed (${count(fixing.length, total)})\n\n_Open pull requests address these._`);
    parts.push(findingsBlock(fixing, level, fctx));
  }
  parts.push(resolvedSection(report.resolved, plan.listMax));
  const muted = keptList.filter((f) => f.muted);
  if (muted.length > 0) {
    const body = findingsBlock(muted, () => ONE_LINE, fctx);
    parts.push(
      `### Muted (${count(muted.length, report.findings.length - open.length)})\n\n${details('Muted findings (untick to unmute)', body)}`,
    );
  }
  // The header's evidence line counts them; the list, for whoever looks one up, goes last.
  parts.push(unreadLogs(report.gaps, plan.listMax));
  parts.push(footer(report, ctx.target, Boolean(fctx.muteBox)));
  return `${parts.filter(Boolean).join('\n\n')}\n`;
}

/**
 * Largest n in [lo, hi] whose rendering fits, by binary search (renderings grow with n),
 * or null when even `lo` does not fit.
 */
function largest(lo: number, hi: number, render: (n: number) => string, limit: number): string | null {
  let best: string | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const text = render(mid);
    if (text.length <= limit) {
      best = text;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return best;
}

/** The most detailed rendering that fits `limit`, dropping findings only as a last resort. */
function fit(ctx: RenderContext, limit: number): string {
  const total = ctx.report.findings.length;
  for (const level of LEVELS) {
    const text = compose(ctx, { level, detailed: total, keep: total, listMax: 50 });
    if (text.length <= limit) return text;
  }
  const level = LEVELS[LEVELS.length - 1]!;
  // Collapse the least important findings to one line first, keeping detail for the top ones…
  const collapsed = largest(0, total - 1, (n) => compose(ctx, { level, detailed: n, keep: total, listMax: 20 }), limit);
  if (collapsed !== null) return collapsed;
  // …then drop the least important, with a note; a body over the limit is left for the caller.
  const dropped = largest(0, total - 1, (n) => compose(ctx, { level, detailed: 0, keep: n, listMax: 10 }), limit);
  return dropped ?? compose(ctx, { level, detailed: 0, keep: 0, listMax: 10 });
}

export function renderReport(ctx: RenderContext): string {
  const marker = ctx.target === 'issue' && ctx.stateMarker ? ctx.stateMarker : '';
  const limit = ctx.maxChars - (marker ? marker.length + 1 : 0);
  const body = fit(ctx, limit);
  // Volatile marks only help the publisher compare issue bodies; a job summary is never compared.
  if (ctx.target === 'summary') return body.replaceAll(` ${VOLATILE_MARK}`, '');
  return marker ? `${body}\n${marker}` : body;
}
