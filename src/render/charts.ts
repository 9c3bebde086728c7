/**
 * What a finding shows beyond its text, only where it says something: the share of a slow
 * job's time each step takes (a Mermaid pie, which GitHub renders and `@mermaid-js/parser`
 * parses), and a job's median duration per day when it changed over the window.
 * Pure: the same history gives the same text.
 */
import { formatDuration, median, seconds } from '../findings.js';
import type { ChartData, Finding, Job, Run } from '../types.js';
import { append } from '../util/append.js';

/**
 * A label safe inside a quoted Mermaid string: no quotes, brackets, newlines, `%%` comments
 * or anything else the grammar reads; letters, digits and plain punctuation survive.
 */
export function mermaidLabel(text: string, max = 40): string {
  let t = String(text ?? '')
    .replace(/[^\p{L}\p{N} _.,/()+@=-]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (t.length > max) {
    const head = t.slice(0, max - 1);
    const space = head.lastIndexOf(' ');
    t = `${(space > 0 ? head.slice(0, space) : head).trimEnd()}…`;
  }
  return t || '?';
}

/** A number Mermaid's pie grammar reads: plain decimal, one decimal place, above 0. */
function num(n: number): string {
  return Math.max(0.1, Math.round(n * 10) / 10).toString();
}

/** The top step must take at least this share for the breakdown to say something. */
const DOMINANT = 0.4;

/**
 * The per-step breakdown of a slow job (a finding's `chart`) as a pie, longest steps first,
 * the short ones grouped; null when no step dominates (an even spread says nothing a sentence
 * does not) or there is no data.
 */
export function stepChart(chart: ChartData, maxSlices = 6): string | null {
  const bars = chart.bars.filter((b) => Number.isFinite(b.value) && b.value > 0);
  if (bars.length === 0) return null;
  const sorted = [...bars].sort((a, b) => b.value - a.value || a.label.localeCompare(b.label));
  const total = sorted.reduce((n, b) => n + b.value, 0);
  if (sorted[0]!.value < DOMINANT * total) return null;
  // Slices under 2% of the job are invisible: counted together with the ones past maxSlices.
  const shown = sorted.slice(0, maxSlices).filter((b) => b.value >= total * 0.02);
  const rest = sorted.filter((b) => !shown.includes(b));
  const restValue = rest.reduce((n, b) => n + b.value, 0);
  const useMinutes = sorted[0]!.value >= 180;
  const unit = useMinutes ? 'minutes' : 'seconds';
  const value = (s: number): string => num(useMinutes ? s / 60 : s);
  // The caption goes above, in Markdown: a pie's own title is centred on the pie and clipped when long.
  const lines = ['pie showData', ...shown.map((b) => `  "${mermaidLabel(b.label)}" : ${value(b.value)}`)];
  if (rest.length > 0 && restValue > 0) {
    lines.push(`  "${rest.length === 1 ? '1 other step' : `${rest.length} other steps`}" : ${value(restValue)}`);
  }
  return `_${mermaidLabel(chart.title, 80)}, median ${unit}:_\n\n${['```mermaid', ...lines, '```'].join('\n')}`;
}

function isTimed(job: Job): boolean {
  return job.conclusion === 'success' || job.conclusion === 'failure' || job.conclusion === 'timed_out';
}

/**
 * The median duration per day (UTC) of the job a finding is about, when it changed: the
 * slowest day at least 1.25 times the fastest and a minute longer. A flat line is left out.
 * Only for findings about a job's time (slow jobs, image rebuilds), not single tests.
 */
export function durationTrend(f: Finding, runs: Run[], maxDays = 10): string | null {
  const { workflow, job, test } = f.subject;
  if (!workflow || !job || test || (f.category !== 'slow' && f.category !== 'image-rebuild')) return null;
  const byDay = new Map<string, number[]>();
  for (const run of runs) {
    if (run.name !== workflow) continue;
    for (const j of run.jobs) {
      const s = j.name === job && isTimed(j) ? seconds(j.startedAt, j.completedAt) : null;
      if (s === null || s <= 0) continue;
      const d = (run.runStartedAt || run.createdAt).slice(0, 10);
      append(byDay, d, s);
    }
  }
  const days = [...byDay.keys()].sort().slice(-maxDays);
  if (days.length < 3) return null;
  const medians = days.map((d) => median(byDay.get(d)!));
  const lo = Math.min(...medians);
  const hi = Math.max(...medians);
  if (hi < lo * 1.25 || hi - lo < 60) return null;
  const cells = days.map((d, i) => `${d.slice(5)} ${formatDuration(medians[i]!)}`);
  return `**Median duration per day (UTC):** ${cells.join(' → ')}`;
}
