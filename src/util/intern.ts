/**
 * One copy of each repeated string. JSON.parse makes a new string for every value, so a
 * 14,000-run window held a million copies of a few thousand step names, statuses and labels,
 * and each step boundary twice (a step's end is the next step's start): interning the run
 * cache's jobs took a third off their heap. Strings are immutable, so sharing is invisible.
 */
import type { Annotation, CheckRun, Job } from '../types.js';
import { hasPackedSteps, withPackedSteps } from './packed-steps.js';

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

/**
 * The job with its names, statuses and labels shared through `words`, its timestamps within the
 * job, and its steps packed (packed-steps.ts): a new object, as packing needs one.
 */
export function internJob(job: Job, words: Interner): Job {
  if (hasPackedSteps(job)) return job;
  const times = new Interner(Infinity);
  job.name = words.str(job.name);
  job.status = words.str(job.status);
  job.conclusion = words.str(job.conclusion);
  job.runnerName = words.str(job.runnerName);
  job.labels = job.labels.length === 0 ? NO_LABELS : job.labels.map((l) => words.str(l));
  job.createdAt = times.str(job.createdAt);
  job.startedAt = times.str(job.startedAt);
  job.completedAt = times.str(job.completedAt);
  job.annotations = job.annotations.length === 0 ? NO_ANNOTATIONS : internAnnotations(job.annotations, words);
  return withPackedSteps(job);
}

/* Shared by every job that has none (40,000 empty arrays at 10,000 runs): frozen, so a write throws. */
const NO_LABELS = Object.freeze([]) as unknown as string[];
const NO_ANNOTATIONS = Object.freeze([]) as unknown as Annotation[];

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
  if (c.annotations.length > 0) c.annotations = internAnnotations(c.annotations, words);
}

/** Annotations repeat across runs (a deprecation notice on every job: 10,000 copies of 440 bytes). */
function internAnnotations(list: Annotation[], words: Interner): Annotation[] {
  for (const a of list) {
    a.path = words.str(a.path);
    a.level = words.str(a.level);
    a.title = words.str(a.title);
    a.message = words.str(a.message);
    if (a.rawDetails !== undefined) a.rawDetails = words.str(a.rawDetails);
  }
  return list;
}

/** Each run's jobs interned (see internJob): done as soon as a part of a window is read, so its plain objects never pile up. */
export function internRuns(runs: readonly { jobs: Job[] }[], words: Interner): void {
  for (const r of runs) r.jobs = r.jobs.map((j) => internJob(j, words));
}
