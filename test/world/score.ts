/**
 * Compares an audit's findings with what the world planted: which anomalies were found,
 * which were missed, which findings hit a decoy (false alarms) and which match nothing
 * planted (to read by hand: an unplanned true finding or a false alarm).
 */
import type { Planted } from './types.js';

/** The parts of a Finding this needs (kept structural so the world does not import src/). */
export interface ScoredFinding {
  category: string;
  title: string;
  subject: { workflow?: string; job?: string; step?: string; test?: string; action?: string };
}

export interface Scorecard {
  found: { planted: Planted; findings: string[] }[];
  missed: Planted[];
  falseAlarms: { planted: Planted; finding: string }[];
  unmatched: string[];
}

/** How specifically a finding matches a planted item: 0 = not at all, 4 = same test. */
function specificity(f: ScoredFinding, p: Planted): number {
  const s = p.subject;
  if (f.category !== p.category || !s.workflow) return 0;
  if (f.subject.workflow && f.subject.workflow !== s.workflow) return 0;
  if (s.test) return f.subject.test === s.test ? 4 : 0;
  if (f.subject.test) return 0;
  if (s.job) return f.subject.job === s.job ? 3 : 0;
  return f.subject.workflow === s.workflow ? 2 : 0;
}

const words = (t: string): Set<string> => new Set(t.toLowerCase().match(/[a-z]{4,}/g) ?? []);

/** Shared words, scaled to stay below the 0.5 of the real-over-decoy preference. */
function overlap(a: string, b: string): number {
  const wb = words(b);
  const n = [...words(a)].filter((w) => wb.has(w)).length;
  return Math.min(0.4, n / 100);
}

export function scoreFindings(findings: ScoredFinding[], planted: Planted[]): Scorecard {
  const hits = new Map<Planted, string[]>();
  const falseAlarms: Scorecard['falseAlarms'] = [];
  const unmatched: string[] = [];
  for (const f of findings) {
    let best: Planted | null = null;
    let bestScore = 0;
    for (const p of planted) {
      // On a tie the real anomaly wins (a decoy counts only when nothing real explains the
      // finding), then the one whose description shares more words with the finding's title.
      const score = specificity(f, p) && specificity(f, p) + (p.decoy ? 0 : 0.5) + overlap(f.title, p.what);
      if (score > bestScore) [best, bestScore] = [p, score];
    }
    if (!best) unmatched.push(`${f.category}: ${f.title}`);
    else if (best.decoy) falseAlarms.push({ planted: best, finding: `${f.category}: ${f.title}` });
    else hits.set(best, [...(hits.get(best) ?? []), f.title]);
  }
  const real = planted.filter((p) => !p.decoy);
  return {
    found: real.filter((p) => hits.has(p)).map((p) => ({ planted: p, findings: hits.get(p)! })),
    missed: real.filter((p) => !hits.has(p)),
    falseAlarms,
    unmatched,
  };
}

export function formatScorecard(s: Scorecard): string {
  const lines = [
    `Found ${s.found.length} of ${s.found.length + s.missed.length} planted anomalies; ${s.falseAlarms.length} decoys reported.`,
  ];
  for (const x of s.found) lines.push(`  found   [${x.planted.category}] ${x.planted.what}`);
  for (const p of s.missed) lines.push(`  MISSED  [${p.category}] ${p.what}`);
  for (const x of s.falseAlarms)
    lines.push(`  DECOY   [${x.planted.category}] ${x.planted.what}\n          reported as: ${x.finding}`);
  for (const u of s.unmatched) lines.push(`  ?       ${u}`);
  return lines.join('\n');
}
