/**
 * One copy of each repeated string. JSON.parse makes a new string for every value, so a
 * 14,000-run window held a million copies of a few thousand step names, statuses and labels,
 * and each step boundary twice (a step's end is the next step's start): interning the run
 * cache's jobs took a third off their heap. Strings are immutable, so sharing is invisible.
 */
import type { CheckRun, Job } from '../types.js';

export class Interner {
  private pool = new Map<string, string>();

  /** `cap` bounds the pool: past it, it starts over (a miss only costs a copy). */
  constructor(private readonly cap = 50_000) {}

  str<T extends string | null | undefined>(s: T): T {
    if (typeof s !== 'string') return s;
    const hit = this.pool.get(s);
    if (hit !== undefined) return hit as T;
    if (this.pool.size >= this.cap) this.pool.clear();
    this.pool.set(s, s);
    return s;
  }
}

/** Share a job's names, statuses and labels through `words`, and its timestamps within the job. */
export function internJob(job: Job, words: Interner): void {
  const times = new Interner(Infinity);
  job.name = words.str(job.name);
  job.status = words.str(job.status);
  job.conclusion = words.str(job.conclusion);
  job.runnerName = words.str(job.runnerName);
  job.labels = job.labels.map((l) => words.str(l));
  job.createdAt = times.str(job.createdAt);
  job.startedAt = times.str(job.startedAt);
  job.completedAt = times.str(job.completedAt);
  for (const s of job.steps) {
    s.name = words.str(s.name);
    s.status = words.str(s.status);
    s.conclusion = words.str(s.conclusion);
    s.startedAt = times.str(s.startedAt);
    s.completedAt = times.str(s.completedAt);
  }
}

/** Share a check run's repeated fields (test reports repeat their name, app, title and often their text). */
export function internCheckRun(c: CheckRun, words: Interner): void {
  c.name = words.str(c.name);
  c.headSha = words.str(c.headSha);
  c.status = words.str(c.status);
  c.conclusion = words.str(c.conclusion);
  c.app = words.str(c.app);
  c.title = words.str(c.title);
  c.summary = words.str(c.summary);
  c.text = words.str(c.text);
}
