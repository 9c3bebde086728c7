/** Helpers every rule uses to build findings the same way. */
import { createHash } from 'node:crypto';
import { CATEGORY_ORDER } from './rules/categories.js';
import type { Category, Finding, Severity, Subject, WindowInfo } from './types.js';

/**
 * A finding id is a hash of its category and the parts of its subject that name the
 * anomaly (never counts, dates or run ids), so the same anomaly keeps its id across
 * audits and a changed anomaly (another test, another step) gets a new one.
 */
export function findingId(category: Category, ...parts: (string | undefined | null)[]): string {
  const key = [category, ...parts.map((p) => (p ?? '').trim().toLowerCase())].join('\u0000');
  return `${category}-${createHash('sha256').update(key).digest('hex').slice(0, 12)}`;
}

const SEVERITY: Record<Severity, number> = { high: 0, medium: 1, low: 2 };

/**
 * Most important first, as a maintainer would fix them: severity, then cost (CI time lost per
 * week, where the finding has one), then reach (affected runs), then a stable tie-break.
 */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY[a.severity] - SEVERITY[b.severity] ||
    (b.timeLost?.perWeek ?? 0) - (a.timeLost?.perWeek ?? 0) ||
    b.frequency.runs - a.frequency.runs ||
    CATEGORY_ORDER.indexOf(a.category) - CATEGORY_ORDER.indexOf(b.category) ||
    a.title.localeCompare(b.title) ||
    a.id.localeCompare(b.id)
  );
}

export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}

/** Time lost in the window, and per week: the window's span scaled to 7 days (at least a day, so hours are not blown up). */
export function timeLost(window: WindowInfo, seconds: number): { seconds: number; perWeek: number } | undefined {
  if (!(seconds > 0)) return undefined;
  const span = (Date.parse(window.to) - Date.parse(window.from)) / 1000;
  const days = Math.max(1, Number.isFinite(span) ? span / 86_400 : 1);
  return { seconds: Math.round(seconds), perWeek: Math.round((seconds * 7) / days) };
}

/**
 * One cause, one finding: a finding whose `causedBy` names another finding of this audit is
 * folded into it (its first paragraph appended to the cause's, its occurrences and cost kept
 * where the cause has none). One whose cause was not reported stays, as it is, and so does a
 * step's finding whose cause names another step (two causes of one slow job).
 */
export function foldCauses(findings: Finding[]): Finding[] {
  const byId = new Map(findings.map((f) => [f.id, { ...f }]));
  for (const f of findings) {
    const cause = f.causedBy ? byId.get(f.causedBy) : undefined;
    if (!cause || cause.id === f.id) continue;
    if (cause.category !== 'image-rebuild' && f.subject.step && cause.subject.step !== f.subject.step) continue;
    // The cause's own text already quotes the rebuild: keep only what the slowdown adds.
    const own = withoutRebuildQuote(f.detail.split('\n\n')[0]!.trim());
    // A rebuild explains a slowdown: all it adds counts. A step compared with the same step
    // elsewhere adds its comparison: the cause it names is already the slow job's.
    const lead = cause.category === 'image-rebuild' ? `The rebuilds also slow the job. ${own}` : firstSentence(own);
    const split = cause.detail.indexOf('\n\n');
    cause.detail =
      split >= 0 ? `${cause.detail.slice(0, split)} ${lead}${cause.detail.slice(split)}` : `${cause.detail} ${lead}`;
    if (!cause.timeLost && f.timeLost) cause.timeLost = f.timeLost;
    if (!cause.chart && f.chart) cause.chart = f.chart;
    cause.matchTerms = [...new Set([...(cause.matchTerms ?? []), ...(f.matchTerms ?? [])])];
    byId.delete(f.id);
  }
  return findings.filter((f) => byId.has(f.id)).map((f) => byId.get(f.id)!);
}

export function subjectLabel(s: Subject): string {
  return [s.workflow, s.job, s.step, s.test].filter(Boolean).join(' / ');
}

/** Seconds between two ISO times, or null when either is missing or the span is negative. */
export function seconds(from: string | null | undefined, to: string | null | undefined): number | null {
  if (!from || !to) return null;
  const s = (Date.parse(to) - Date.parse(from)) / 1000;
  return Number.isFinite(s) && s >= 0 ? s : null;
}

export function median(values: number[]): number {
  if (values.length === 0) return 0;
  const v = [...values].sort((a, b) => a - b);
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}

export function formatDuration(sec: number): string {
  const s = Math.round(sec);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${s % 60}s`;
  return `${Math.floor(m / 60)}h ${m % 60}m`;
}

/** The slowdown's text without its closing "Its logs show the image rebuilt in that step (`…`)." */
function withoutRebuildQuote(text: string): string {
  const at = text.lastIndexOf('Its logs show the image rebuilt in that step (`');
  if (at < 0 || !text.endsWith('`).')) return text;
  const quoted = text.slice(at + 'Its logs show the image rebuilt in that step (`'.length, -'`).'.length);
  return quoted.includes('`') ? text : text.slice(0, at).trimEnd();
}

/** Up to the first ". " outside double quotes (a quoted step name may hold one), or all of it. */
function firstSentence(text: string): string {
  let quoted = false;
  for (let i = 0; i < text.length - 1; i++) {
    if (text[i] === '"') quoted = !quoted;
    else if (!quoted && text[i] === '.' && text[i + 1] === ' ') return text.slice(0, i + 1);
  }
  return text;
}
