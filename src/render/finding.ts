/**
 * One finding as Markdown, at the level of detail the size budget allows.
 * OWNER: render.
 */
import type { Category, Finding, Kind, Occurrence, Run, Severity } from '../types.js';
import { stepChart } from './charts.js';
import { codeBlock, codeSpan, inline, link, plural, prose } from './markdown.js';

/** How much of a finding to show; the report steps down these levels until it fits. */
export interface Detail {
  /** Occurrences listed (the rest are counted). 0 = one-line findings. */
  occurrences: number;
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
}

export const CATEGORY_LABEL: Record<Category, string> = {
  'recurring-failure': 'Recurring failures',
  'flaky-test': 'Flaky tests',
  coverage: 'Coverage',
  'image-rebuild': 'Image rebuilds',
  slow: 'Slow jobs and tests',
  warning: 'Warnings',
  'log-noise': 'Log noise',
  other: 'Other',
};

export const KIND_LABEL: Record<Kind, string> = {
  regression: 'Regressions',
  infra: 'Infra noise',
  hygiene: 'Hygiene',
};

const SEVERITY_ICON: Record<Severity, string> = { high: '🔴', medium: '🟠', low: '🟡' };

/** 2026-11-24 (the day is what a reader compares; times only where order within a day matters). */
export function day(iso: string | null | undefined): string {
  return iso && /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : '?';
}

export function minute(iso: string | null | undefined): string {
  return iso && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(iso) ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : '?';
}

function status(f: Finding): string {
  if (f.status === 'new') return '🆕 **new**';
  if (f.status === 'ongoing') return f.firstSeen ? `ongoing since ${day(f.firstSeen)}` : 'ongoing';
  return '';
}

function frequency(f: Finding): string {
  const { runs, of, branches } = f.frequency;
  if (runs <= 0) return '';
  const share = of > 0 ? `${runs} of ${plural(of, 'run')}` : plural(runs, 'run');
  return branches > 0 ? `${share} · ${plural(branches, 'branch', 'branches')}` : share;
}

/** The badges line: status, severity, kind, how often, where. */
function badges(f: Finding): string {
  const where = [f.subject.workflow, f.subject.job, f.subject.step, f.subject.test, f.subject.action]
    .filter((s): s is string => Boolean(s))
    .map((s) => inline(s, 120))
    .join(' › ');
  return [status(f), f.severity, f.kind, frequency(f), f.systemic ? '**systemic**' : '', where]
    .filter(Boolean)
    .join(' · ');
}

function occurrenceLine(o: Occurrence, ctx: FindingContext): string {
  const run = ctx.runs.get(o.runId);
  const label = run ? `run ${run.runNumber}` : `run ${o.runId}`;
  const parts = [link(label, o.url, ctx.serverUrl), `on ${codeSpan(o.branch, 80)}`, minute(o.at)];
  return `- ${parts.join(', ')}${o.note ? ` — ${inline(o.note, 160)}` : ''}`;
}

function occurrenceList(f: Finding, max: number, ctx: FindingContext): string {
  const shown = f.occurrences.slice(0, max).map((o) => occurrenceLine(o, ctx));
  const more = Math.max(f.frequency.runs, f.occurrences.length) - shown.length;
  if (more > 0) shown.push(`- … and ${plural(more, 'more run')}`);
  return shown.join('\n');
}

/**
 * The diagnostic. Convention with the rules: prose first (single backticks become code spans),
 * then, after a blank line, a log excerpt shown verbatim in a code block.
 */
export function diagnostic(detail: string, excerptLines: number): string {
  const text = detail.replace(/\r\n?/g, '\n').trim();
  if (text === '') return '';
  const split = text.indexOf('\n\n');
  const [lead, excerpt] = split >= 0 ? [text.slice(0, split), text.slice(split + 2)] : [text, ''];
  const parts: string[] = [];
  if (lead) parts.push(prose(lead));
  if (excerpt.trim()) parts.push(codeBlock(excerpt, 'text', excerptLines));
  return parts.join('\n\n');
}

function fixedByLine(f: Finding, serverUrl: string): string {
  const prs = (f.fixedBy ?? []).map((p) => link(`PR ${p.number}: ${p.title}`, p.url, serverUrl));
  return prs.length ? `**Being fixed by:** ${prs.join(' · ')}` : '';
}

/** A finding as one list item (with its mute box nested under it in the issue). */
export function findingLine(f: Finding, ctx: FindingContext): string {
  const latest = f.occurrences[0];
  const parts = [`${SEVERITY_ICON[f.severity]} **${prose(f.title, 200)}**`, status(f), frequency(f)];
  if (latest) parts.push(link('latest', latest.url, ctx.serverUrl));
  const pr = f.fixedBy?.[0];
  if (pr) parts.push(link(`PR ${pr.number}`, pr.url, ctx.serverUrl));
  const line = `- ${parts.filter(Boolean).join(' · ')}`;
  return ctx.muteBox ? `${line}\n  ${ctx.muteBox(f.id, f.muted === true)}` : line;
}

export function renderFinding(f: Finding, level: Detail, ctx: FindingContext): string {
  if (level.oneLine) return findingLine(f, ctx);
  const out = [`**${SEVERITY_ICON[f.severity]} ${prose(f.title, 200)}**  \n${badges(f)}`];
  const fix = fixedByLine(f, ctx.serverUrl);
  if (fix) out.push(fix);
  const diag = diagnostic(f.detail, level.excerptLines);
  if (diag) out.push(diag);
  // At most a handful of links: short enough to show open, the rest counted.
  if (f.occurrences.length > 0) out.push(occurrenceList(f, level.occurrences, ctx));
  const chart = level.charts && f.chart ? stepChart(f.chart) : null;
  if (chart) out.push(chart);
  if (ctx.muteBox) out.push(ctx.muteBox(f.id, f.muted === true));
  return out.join('\n\n');
}
