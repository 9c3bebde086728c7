/**
 * Slow-down regressions, only where they are real: setup/cache steps that grew (they do not
 * depend on the change under test), or the SAME branch that slowed across its runs. Branches
 * are never compared with each other: that is test-phase variance. A step that grew because it
 * rebuilt an image says so, pointing at the image-rebuild finding with the same cause.
 */
import type { Config } from '../config-types.js';
import { compilePatterns } from '../parse/patterns.js';
import { findingId, formatDuration, median, timeLost } from '../findings.js';
import type { Finding, History } from '../types.js';
import { type JobRun, matchesInStep, stepSeconds } from './slow-steps.js';
import { clip, frequency, occurrence, occurrences, plural, workflowKey } from './util.js';

/** Earlier half and later half of a list, each needing at least `min` entries. */
function halves<T>(list: T[], min = 3): [T[], T[]] | null {
  if (list.length < min * 2) return null;
  const mid = Math.floor(list.length / 2);
  return [list.slice(0, mid), list.slice(list.length - mid)];
}

function regressionFinding(
  history: History,
  list: JobRun[],
  what: { key: string; title: string; step?: string; runs: JobRun[]; why: string; grew: number; rebuilt: boolean },
): Finding {
  const { run, job } = list[list.length - 1]!;
  const occ = what.runs.map((j) => occurrence(j.run, j.job.url, j.job.startedAt, formatDuration(j.seconds)));
  const lost = timeLost(history.window, what.grew * what.runs.length);
  return {
    id: findingId('slow', workflowKey(run), job.name, 'regression', what.key),
    category: 'slow',
    severity: 'medium',
    // A rebuilt image is infrastructure (the image-rebuild finding), not the code under test.
    kind: what.rebuilt ? 'infra' : 'regression',
    ...(what.rebuilt ? { causedBy: findingId('image-rebuild', workflowKey(run), job.name) } : {}),
    ...(lost ? { timeLost: lost } : {}),
    title: what.title,
    subject: { workflow: run.name, job: job.name, ...(what.step ? { step: what.step } : {}) },
    detail: what.why,
    frequency: frequency(history, occ),
    occurrences: occurrences(occ),
    matchTerms: [job.name, ...(what.step ? [what.step] : [])],
  };
}

/** Setup/cache steps that grew (any branch: they should not depend on the change under test). */
export function setupRegressions(history: History, config: Config, list: JobRun[]): Finding[] {
  const setup = compilePatterns(config.slow.setupSteps);
  const out: Finding[] = [];
  const names = new Set(list.flatMap((j) => j.job.steps.map((s) => s.name)));
  for (const step of names) {
    if (!setup?.test(step)) continue;
    const timed = list.filter((j) => stepSeconds(history, j.job).has(step));
    const h = halves(timed);
    if (!h) continue;
    const before = median(h[0].map((j) => stepSeconds(history, j.job).get(step)!));
    const after = median(h[1].map((j) => stepSeconds(history, j.job).get(step)!));
    if (after < before * config.slow.regressionFactor || after - before < 30) continue;
    const rebuilt = rebuiltIn(history, h[1], step);
    const why =
      `Setup step "${step}" took a median ${formatDuration(before)} in the earlier ${plural(h[0].length, 'run')} and ` +
      `${formatDuration(after)} in the later ${h[1].length}: setup does not depend on the change under test, so ` +
      (rebuilt
        ? `the change is in the infrastructure.${rebuilt}`
        : 'this is a regression (a lost cache, a bigger install or fetch).');
    const { run, job } = list[list.length - 1]!;
    const title = `Step "${step}" of ${run.name} / ${job.name} slowed from ${formatDuration(before)} to ${formatDuration(after)}`;
    const grew = after - before;
    out.push(regressionFinding(history, list, { key: step, title, step, runs: h[1], why, grew, rebuilt: !!rebuilt }));
  }
  return out;
}

/** The same branch slowing across its runs; branches are never compared with each other. */
export function branchRegressions(history: History, config: Config, list: JobRun[]): Finding[] {
  const out: Finding[] = [];
  const branches = new Set(list.map((j) => j.run.branch));
  for (const branch of branches) {
    const h = halves(list.filter((j) => j.run.branch === branch));
    if (!h) continue;
    const before = median(h[0].map((j) => j.seconds));
    const after = median(h[1].map((j) => j.seconds));
    if (after < before * config.slow.regressionFactor || after - before < 60) continue;
    const grown = grownStep(history, h[0], h[1]);
    // Name the step only when it carries most of the growth.
    const step = grown && grown.grew >= (after - before) / 2 ? grown.step : undefined;
    const rebuilt = step ? rebuiltIn(history, h[1], step) : '';
    const why =
      `On branch ${branch}, ${list[0]!.job.name} took a median ${formatDuration(before)} in its earlier ` +
      `${plural(h[0].length, 'run')} and ${formatDuration(after)} in its later ${h[1].length}.` +
      (grown ? ` Most of it is in step "${grown.step}" (+${formatDuration(grown.grew)}).` : '') +
      rebuilt;
    const { run, job } = list[list.length - 1]!;
    const title = `${run.name} / ${job.name} slowed on ${branch} from ${formatDuration(before)} to ${formatDuration(after)}`;
    const key = `branch:${branch}`;
    const rebuiltToo = Boolean(rebuilt);
    out.push(
      regressionFinding(history, list, {
        key,
        title,
        step,
        runs: h[1],
        why,
        grew: after - before,
        rebuilt: rebuiltToo,
      }),
    );
  }
  return out;
}

function grownStep(history: History, before: JobRun[], after: JobRun[]): { step: string; grew: number } | null {
  const med = (list: JobRun[], step: string): number =>
    median(list.map((j) => stepSeconds(history, j.job).get(step) ?? 0));
  const steps = new Set(after.flatMap((j) => [...stepSeconds(history, j.job).keys()]));
  let best: { step: string; grew: number } | null = null;
  for (const step of steps) {
    const grew = med(after, step) - med(before, step);
    if (!best || grew > best.grew) best = { step, grew };
  }
  return best && best.grew > 0 ? best : null;
}

/**
 * When a step grew because it rebuilt an image, a sentence saying so (else ''). The finding
 * then names the image-rebuild finding as its cause, and is folded into it when that exists.
 */
function rebuiltIn(history: History, runs: JobRun[], step: string): string {
  for (const j of [...runs].reverse()) {
    const m = matchesInStep(history, j.job, step).find((x) => x.key === 'cacheMiss');
    if (m) return ` Its logs show the image rebuilt in that step (\`${clip(m.line, 100)}\`).`;
  }
  return '';
}
