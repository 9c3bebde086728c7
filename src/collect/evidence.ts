/**
 * Log evidence by design: which kinds of job (workflow + job name) carry which rule's evidence
 * in their logs, learned from the digests read and kept in the run cache, and the log requests
 * that follow from it. How many logs an audit reads, and in what order: log-policy.ts.
 */
import type { History, Job, LogDigest, LogRequest, Run } from '../types.js';
import { EVIDENCE_PRIORITY } from './log-policy.js';

/** Which rule's evidence a digest shows: the rule's match keys, or a section that runs its tool. */
const SIGNS: { rule: string; keys: string[]; section?: RegExp }[] = [
  // A section or step that names coverage (the seed's "Combine coverage and check per-package
  // thresholds", an lcov or Codecov step), not a test command with `--cov`: pytest-cov runs in
  // every test job, and reading all their logs crowded out the diagnostic's own (4 of 40 seeded
  // windows missed a mismatch because the acceptance job's `pytest --cov` took its reads).
  { rule: 'coverage', keys: ['coverageMismatch'], section: /coverage|lcov|codecov/i },
  // Image builds are sampled by their rule (a share from a few runs); a kind whose logs showed a
  // rebuild is read in full, after coverage kinds (a mismatch in 3 runs needs every log).
  { rule: 'image-rebuild', keys: ['cacheMiss', 'notesFetchFailed'] },
];

export const kindOf = (run: Pick<Run, 'workflowPath' | 'name'>, job: Pick<Job, 'name'>): string =>
  `${run.workflowPath || run.name}\u0000${job.name}`;

/**
 * The rules whose evidence this digest shows: a rule's match, or a section (or, for a job read,
 * a step) that runs its tool. Steps count because a named step's section is its script's first
 * line (`Run set -u`), which may not name the tool.
 */
export function evidenceIn(digest: LogDigest, job?: Pick<Job, 'steps'>): string[] {
  const names = [...digest.sections.map((x) => x.name), ...(job?.steps ?? []).map((x) => x.name)];
  return SIGNS.filter(
    (s) => s.keys.some((k) => (digest.matchCounts[k] ?? 0) > 0) || names.some((n) => s.section?.test(n)),
  ).map((s) => s.rule);
}

/** Add to `known` (kind -> rules) what the digests of this window's jobs show. Returns the kinds added or grown. */
export function learnEvidence(history: Pick<History, 'runs' | 'logs'>, known: Map<string, Set<string>>): number {
  let grown = 0;
  for (const run of history.runs) {
    for (const job of run.jobs) {
      const digest = history.logs[String(job.id)];
      if (!digest) continue;
      for (const rule of evidenceIn(digest, job)) {
        const kind = kindOf(run, job);
        const set = known.get(kind) ?? new Set<string>();
        if (!set.has(rule)) {
          set.add(rule);
          known.set(kind, set);
          grown++;
        }
      }
    }
  }
  return grown;
}

/** Image builds are judged by a share: the newest this many logs of such a job are enough. */
export const IMAGE_SAMPLE = 6;

/**
 * Requests for the logs of the kinds of job known to carry evidence, newest run first, for
 * completed jobs (latest attempts) not read yet. A coverage kind: every run's log (a mismatch in
 * a few runs shows nowhere else), above every sample (priority in (46, 47)). A kind known only
 * for image rebuilds: its newest IMAGE_SAMPLE runs, above the image rule's own samples but below
 * the logs that explain a run ((41, 42)): its rule judges a share, and reading every build's log
 * would crowd out the other rules' samples. `only`: just these runs (a nightly audit with a
 * fixed `max-logs`: the new runs).
 */
export function evidenceRequests(
  history: Pick<History, 'runs' | 'logs'>,
  known: Map<string, Set<string>>,
  only?: Set<number>,
): LogRequest[] {
  const out: LogRequest[] = [];
  const seen = new Map<string, number>();
  const runs = [...history.runs].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  runs.forEach((run, n) => {
    const latest = new Map<string, number>();
    for (const j of run.jobs) latest.set(j.name, Math.max(latest.get(j.name) ?? 0, j.runAttempt));
    for (const job of run.jobs) {
      if (job.runAttempt !== latest.get(job.name) || job.status !== 'completed') continue;
      if (job.conclusion === 'skipped' || job.conclusion === 'cancelled') continue;
      const kind = kindOf(run, job);
      const rules = known.get(kind);
      if (!rules) continue;
      const full = rules.has('coverage');
      const k = seen.get(kind) ?? 0;
      seen.set(kind, k + 1);
      if ((!full && k >= IMAGE_SAMPLE) || history.logs[String(job.id)] || (only && !only.has(run.id))) continue;
      const tier = full ? EVIDENCE_PRIORITY : EVIDENCE_PRIORITY - 5;
      const priority = tier + 1 - (n + 1) / (runs.length + 1);
      out.push({ jobId: job.id, reason: `evidence:${[...rules].sort().join('+')}`, priority });
    }
  });
  return out;
}
