/** Helpers every rule uses to build findings the same way. */
import { createHash } from 'node:crypto';
import type { Category, Finding, Kind, Severity, Subject } from './types.js';

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
const KIND: Record<Kind, number> = { regression: 0, infra: 1, hygiene: 2 };
export const CATEGORY_ORDER: Category[] = [
  'recurring-failure',
  'flaky-test',
  'coverage',
  'image-rebuild',
  'slow',
  'warning',
  'log-noise',
  'other',
];

/** Most important first: severity, then regressions before infra before hygiene, then reach. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY[a.severity] - SEVERITY[b.severity] ||
    KIND[a.kind] - KIND[b.kind] ||
    b.frequency.runs - a.frequency.runs ||
    CATEGORY_ORDER.indexOf(a.category) - CATEGORY_ORDER.indexOf(b.category) ||
    a.title.localeCompare(b.title) ||
    a.id.localeCompare(b.id)
  );
}

export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
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
