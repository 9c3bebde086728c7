/**
 * One finding as Markdown: its row in the "what to fix first" table, and its detail (a heading
 * with an anchor the row links to), at the level of detail the size budget allows.
 */
import { formatDuration } from '../findings.js';
import type { Finding, Kind, Occurrence, Run, Severity } from '../types.js';
import { durationTrend, stepChart } from './charts.js';
import { cell, codeBlock, codeSpan, details, inline, link, plural, prose } from './markdown.js';

/** How much of a finding to show; the report steps down these levels until it fits. */
export interface Detail {
  /** Occurrences listed open (the rest of the stored ones are collapsed, then counted). */
  occurrences: number;
  /** Occurrences listed in all, open and collapsed. */
  maxOccurrences: number;
  /** Lines of a log excerpt kept. */
  excerptLines: number;
  charts: boolean;
  /** One line per finding: title, badges, latest link. */
  oneLine: boolean;
}

export interface FindingContext {
  serverUrl: string;
  runs: Map<number, Run>;
  muteBox?: (id: string, muted: boolean) => string;
  /** False on a first audit (or a dry run that read no earlier one): nothing is "new" yet. */
  previousAudit: boolean;
  /** Jobs whose duration per day is already shown (by a more important finding): shown once. */
  trended?: Set<string>;
}

export const KIND_LABEL: Record<Kind, string> = {
  regression: 'Regressions',
  infra: 'Infra noise',
  hygiene: 'Hygiene',
};

export const SEVERITY_ICON: Record<Severity, string> = { high: '🔴', medium: '🟠', low: '🟡' };

/** 2026-11-24 (the day is what a reader compares; times only where order within a day matters). */
export function day(iso: string | null | undefined): string {
  return iso && /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : '?';
}

export function minute(iso: string | null | undefined): string {
  return iso && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(iso) ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : '?';
}

/**
 * The anchor of a finding's detail. GitHub prefixes the `name` it keeps with `user-content-`
 * and its page script resolves `#name` to it, so the bare name is what links use.
 */
export function anchorOf(f: Finding): string {
  return `finding-${f.id.toLowerCase().replace(/[^a-z0-9-]/g, '-')}`;
}

function status(f: Finding, ctx: FindingContext): string {
  if (f.status === 'new') return ctx.previousAudit ? '🆕 **new**' : '';
  if (f.status === 'ongoing') return f.firstSeen ? `ongoing since ${day(f.firstSeen)}` : 'ongoing';
  return '';
}

const couldShow = (f: Finding): string => (f.category === 'image-rebuild' ? 'built the image' : 'ran the job');

/**
 * How often, honestly: of the logs read and of the runs that could show it when the finding
 * comes from logs ("6 of the 6 logs read, of 45 runs that built the image"), else of the runs
 * sampled. `short` is the table's form.
 */
export function frequencyText(f: Finding, short = false): string {
  const { runs, of, logsRead, eligible } = f.frequency;
  if (runs <= 0) return '';
  if (logsRead !== undefined && logsRead > 0) {
    const base = short
      ? `${runs} of ${plural(logsRead, 'log')} read`
      : `${runs} of the ${plural(logsRead, 'log')} read`;
    if (eligible === undefined || eligible <= logsRead) return base;
    return short
      ? `${base}, of ${plural(eligible, 'run')}`
      : `${base}, of ${plural(eligible, 'run')} that ${couldShow(f)}`;
  }
  return of > 0 ? `${runs} of ${plural(of, 'run')}` : plural(runs, 'run');
}

/** "≈ 1h 10m / week" or '' where time is not the cost. */
export function lostText(f: Finding): string {
  const w = f.timeLost?.perWeek ?? 0;
  return w >= 60 ? formatDuration(w) : '';
}

/** The badges line: status, severity, kind, how often, where. */
function badges(f: Finding, ctx: FindingContext): string {
  const where = [f.subject.workflow, f.subject.job, f.subject.step, f.subject.test, f.subject.action]
    .filter((s): s is string => Boolean(s))
    .map((s) => inline(s, 120))
    .join(' › ');
  const freq = frequencyText(f);
  const branches = f.frequency.branches > 0 ? plural(f.frequency.branches, 'branch', 'branches') : '';
  const lost = lostText(f);
  return [
    status(f, ctx),
    f.severity,
    f.kind,
    freq,
    branches,
    lost ? `≈ ${lost} lost per week` : '',
    f.systemic ? '**systemic**' : '',
    where,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** "CI run 146": run numbers count per workflow, so the number alone names two runs. */
function runLabel(o: Occurrence, ctx: FindingContext): string {
  const run = ctx.runs.get(o.runId);
  return run ? `${run.name} run ${run.runNumber}` : `run id ${o.runId}`;
}

function occurrenceLine(o: Occurrence, ctx: FindingContext): string {
  const parts = [link(runLabel(o, ctx), o.url, ctx.serverUrl), `on ${codeSpan(o.branch, 80)}`, minute(o.at)];
  // `*` bullets: a different list from the mute box's `-`, so neither turns loose.
  return `* ${parts.join(', ')}${o.note ? ` — ${inline(o.note, 160)}` : ''}`;
}

/** The first few runs open, the other stored ones collapsed, the rest counted. */
function occurrenceList(f: Finding, level: Detail, ctx: FindingContext): string {
  const all = f.occurrences.slice(0, Math.max(level.occurrences, level.maxOccurrences));
  const open = all.slice(0, level.occurrences).map((o) => occurrenceLine(o, ctx));
  const folded = all.slice(level.occurrences).map((o) => occurrenceLine(o, ctx));
  const more = Math.max(f.frequency.runs, f.occurrences.length) - all.length;
  if (more > 0) (folded.length > 0 ? folded : open).push(`* … and ${plural(more, 'more run')}`);
  const out = [open.join('\n')];
  if (folded.length > 0) out.push(details(`${plural(folded.length, 'more run')}`, folded.join('\n')));
  return out.filter(Boolean).join('\n\n');
}

/**
 * The diagnostic. Convention with the rules: prose first (single backticks become code spans),
 * then, after a blank line, a log excerpt shown verbatim in a code block (collapsed when long).
 */
export function diagnostic(detail: string, excerptLines: number): string {
  const text = detail.replace(/\r\n?/g, '\n').trim();
  if (text === '') return '';
  const split = text.indexOf('\n\n');
  const [lead, excerpt] = split >= 0 ? [text.slice(0, split), text.slice(split + 2)] : [text, ''];
  const parts: string[] = [];
  if (lead) parts.push(prose(lead));
  if (excerpt.trim()) {
    const block = codeBlock(excerpt, 'text', excerptLines);
    const lines = excerpt.trim().split('\n').length;
    parts.push(lines > 8 ? details(`Log excerpt (${plural(lines, 'line')})`, block) : block);
  }
  return parts.join('\n\n');
}

function fixedByLine(f: Finding, serverUrl: string): string {
  const prs = (f.fixedBy ?? []).map((p) => link(`PR ${p.number}: ${p.title}`, p.url, serverUrl));
  return prs.length ? `**Being fixed by:** ${prs.join(' · ')}` : '';
}

/** PRs that name the finding without fixing it, and why: a maintainer may think they do. */
function notFixedByLine(f: Finding, serverUrl: string): string {
  const prs = (f.notFixedBy ?? []).map(
    (p) => `${link(`PR ${p.number}: ${p.title}`, p.url, serverUrl)} (${inline(p.reason, 200)})`,
  );
  return prs.length ? `**Not counted as a fix:** ${prs.join(' · ')}` : '';
}

/** Its row in the "what to fix first" table: severity, linked title, reach, cost, kind. */
export function tableRow(f: Finding): string[] {
  const pr = f.fixedBy?.[0];
  const title = `[${prose(f.title, 110).replace(/(?<!\\)\|/g, '\\|')}](#${anchorOf(f)})`;
  return [
    SEVERITY_ICON[f.severity],
    pr ? `${title} · fix in PR ${pr.number}` : title,
    cell(frequencyText(f, true) || '—'),
    lostText(f) || '—',
    f.kind,
  ];
}

/** A finding as one list item (with its mute box nested under it in the issue). */
export function findingLine(f: Finding, ctx: FindingContext): string {
  const latest = f.occurrences[0];
  const parts = [
    `<a name="${anchorOf(f)}"></a>${SEVERITY_ICON[f.severity]} **${prose(f.title, 200)}**`,
    status(f, ctx),
    frequencyText(f),
  ];
  if (latest) parts.push(link('latest', latest.url, ctx.serverUrl));
  const pr = f.fixedBy?.[0];
  if (pr) parts.push(link(`PR ${pr.number}`, pr.url, ctx.serverUrl));
  const line = `- ${parts.filter(Boolean).join(' · ')}`;
  return ctx.muteBox ? `${line}\n  ${ctx.muteBox(f.id, f.muted === true)}` : line;
}

export function renderFinding(f: Finding, level: Detail, ctx: FindingContext): string {
  if (level.oneLine) return findingLine(f, ctx);
  const out = [`#### <a name="${anchorOf(f)}"></a>${SEVERITY_ICON[f.severity]} ${prose(f.title, 200)}`, badges(f, ctx)];
  const fix = fixedByLine(f, ctx.serverUrl);
  if (fix) out.push(fix);
  const notFix = notFixedByLine(f, ctx.serverUrl);
  if (notFix) out.push(notFix);
  const diag = diagnostic(f.detail, level.excerptLines);
  if (diag) out.push(diag);
  if (level.charts) {
    const job = `${f.subject.workflow ?? ''}\u0000${f.subject.job ?? ''}`;
    const trend = ctx.trended?.has(job) ? null : durationTrend(f, [...ctx.runs.values()]);
    if (trend) {
      out.push(trend);
      ctx.trended?.add(job);
    }
    const chart = f.chart ? stepChart(f.chart) : null;
    if (chart) out.push(chart);
  }
  if (f.occurrences.length > 0) out.push(occurrenceList(f, level, ctx));
  if (ctx.muteBox) out.push(ctx.muteBox(f.id, f.muted === true));
  return out.join('\n\n');
}
