/**
 * The run cache: what was read about a completed run, kept between audits so a nightly
 * audit reads only the runs that are new since the last one. A completed run is immutable
 * until it is re-run, which bumps `run_attempt` and `updated_at`: both are in the key, so a
 * re-run is read again. Also kept: log digests (valid for the config they were made with)
 * and the ETags of list endpoints (a 304 answer is free against the rate limit).
 *
 * One JSON file in the store's folder; bounded: runs outside the audited window are
 * evicted at save, log digests go with their runs, ETags are capped.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import type { CheckRun, History, Job, LogDigest, Run } from '../types.js';
import {
  CACHE_FILE,
  readCacheFile,
  writeCacheFile,
  type CacheFile,
  type EtagEntry,
  type RunEntry,
} from './cache-file.js';
import type { CacheStore } from './store.js';
import { isSliceUrl } from '../github/etag-cache.js';

/**
 * Bumped when what a cached entry holds changes, so an older file is read as cold. 2: log
 * digests carry `tests` (the test runners' results from the log parsers); a version-1 digest
 * has none, and trusting it would hide every flake that only a log's retries show. 3: a line
 * per entry (cache-file.ts) instead of one JSON document.
 */
export const CACHE_VERSION = 3;
/**
 * List endpoints' ETags kept (each with its body): enough for every list the audit reads. The
 * pages of a span window's date slices are not counted: they are kept while the last audit
 * used them (about one per 100 runs of the window), and go with their slice's days.
 */
export const MAX_ETAGS = 200;

export type { EtagEntry } from './cache-file.js';

export interface CacheStats {
  runHits: number;
  runMisses: number;
  logHits: number;
  etagHits: number;
}

export const runKey = (r: Pick<Run, 'runAttempt' | 'updatedAt'>): string => `${r.runAttempt}:${r.updatedAt}`;

export function configFingerprint(config: unknown): string {
  return createHash('sha256').update(JSON.stringify(config)).digest('hex').slice(0, 16);
}

export class RunCache {
  readonly stats: CacheStats = { runHits: 0, runMisses: 0, logHits: 0, etagHits: 0 };
  /** Runs of this audit that were not in the cache (read for the first time, or changed); see newShare. */
  readonly newRuns = new Set<number>();
  private data: CacheFile;
  private readonly now: string;

  constructor(
    readonly store: CacheStore | null,
    readonly repository: string,
    private configHash: string,
    now = new Date(),
  ) {
    this.now = now.toISOString();
    this.data = empty(repository);
  }

  /** The config this audit digests logs with (a cache may be opened before the rules file is read). */
  useConfig(config: unknown): void {
    this.configHash = configFingerprint(config);
  }

  /** Restore the store and read the cache file; a missing, foreign or broken file is a cold cache. */
  async load(): Promise<string | null> {
    if (!this.store) return null;
    const restored = await this.store.restore();
    // Null (cold) when nothing is cached yet, or the file is from another version or broken.
    this.data =
      (await readCacheFile(path.join(this.store.dir, CACHE_FILE), CACHE_VERSION, this.repository)) ?? this.data;
    return restored;
  }

  get size(): { runs: number; logs: number; etags: number } {
    const d = this.data;
    return { runs: Object.keys(d.runs).length, logs: Object.keys(d.logs).length, etags: Object.keys(d.etags).length };
  }

  /** The cached jobs and check runs of `run`, if this exact attempt/update was read before. */
  getRun(run: Run): { jobs: Job[]; checkRuns: CheckRun[] } | null {
    const hit = this.data.runs[String(run.id)];
    if (hit && hit.key === runKey(run)) {
      this.stats.runHits++;
      return { jobs: hit.jobs, checkRuns: hit.checkRuns };
    }
    this.stats.runMisses++;
    this.newRuns.add(run.id);
    return null;
  }

  /** Only completed runs are cached: anything else may still change. */
  putRun(run: Run, checkRuns: CheckRun[]): void {
    if (run.status !== 'completed') return;
    const entry: RunEntry = { key: runKey(run), createdAt: run.createdAt, jobs: run.jobs, checkRuns };
    this.data.runs[String(run.id)] = entry;
  }

  /**
   * Share of this audit's runs that are new (`newRuns`: not in the cache, less the older runs
   * a window still filling in had not read; collect/cached-runs.ts); 1 when cold.
   */
  get newShare(): number {
    const { runHits, runMisses } = this.stats;
    return runHits + runMisses === 0 ? 1 : this.newRuns.size / (runHits + runMisses);
  }

  getLog(jobId: number): LogDigest | null {
    const hit = this.data.logs[String(jobId)];
    if (!hit || hit.config !== this.configHash) return null;
    this.stats.logHits++;
    return hit.digest;
  }

  putLog(digest: LogDigest): void {
    this.data.logs[String(digest.jobId)] = { config: this.configHash, digest };
  }

  /** Why the log of `jobId` could not be read by an earlier audit, if it is gone for good. */
  getGone(jobId: number): string | null {
    return this.data.gone?.[String(jobId)] ?? null;
  }

  putGone(jobId: number, reason: string): void {
    (this.data.gone ??= {})[String(jobId)] = reason;
  }

  /** The turn that got the last read of the last warm audit (see `inTurns`). */
  get lastTurn(): string | null {
    return this.data.turn ?? null;
  }

  set lastTurn(reason: string | null) {
    if (reason === null) delete this.data.turn;
    else this.data.turn = reason;
  }

  /** What earlier audits learned: which kinds of job carry which rules' evidence in their logs. */
  get evidence(): Map<string, Set<string>> {
    return new Map(Object.entries(this.data.evidence ?? {}).map(([k, v]) => [k, new Set(v)]));
  }

  set evidence(known: Map<string, Set<string>>) {
    this.data.evidence = Object.fromEntries([...known].map(([k, v]) => [k, [...v].sort()]));
  }

  getEtag(url: string): EtagEntry | null {
    const hit = this.data.etags[url];
    if (hit) hit.usedAt = this.now;
    return hit ?? null;
  }

  hitEtag(): void {
    this.stats.etagHits++;
  }

  putEtag(url: string, etag: string, data: unknown): void {
    this.data.etags[url] = { etag, data, usedAt: this.now };
  }

  /**
   * Keep the runs of this audit's window (and the logs of their jobs), cap the ETags,
   * write the file atomically and persist the store.
   */
  async save(history: Pick<History, 'runs' | 'window'>): Promise<string | null> {
    if (!this.store || this.store.readOnly) return null;
    evict(this.data, history);
    writeCacheFile(path.join(this.store.dir, CACHE_FILE), this.data);
    return this.store.save();
  }
}

function empty(repository: string): CacheFile {
  return { version: CACHE_VERSION, repository, runs: {}, logs: {}, etags: {} };
}

/**
 * Bound the cache: runs created before the window go, with the log digests (and gone logs) of
 * their jobs; ETags are capped, and slice pages the last audit did not ask for go.
 */
export function evict(data: CacheFile, history: Pick<History, 'runs' | 'window'>): void {
  const from = Date.parse(history.window.from);
  // An empty history (nothing listed) says nothing about the window: keep what we have.
  if (history.runs.length > 0 && Number.isFinite(from)) {
    for (const [id, entry] of Object.entries(data.runs)) if (Date.parse(entry.createdAt) < from) delete data.runs[id];
  }
  const jobs = new Set(Object.values(data.runs).flatMap((r) => r.jobs.map((j) => String(j.id))));
  for (const id of Object.keys(data.logs)) if (!jobs.has(id)) delete data.logs[id];
  for (const id of Object.keys(data.gone ?? {})) if (!jobs.has(id)) delete data.gone![id];
  const etags = Object.entries(data.etags).sort((a, b) => b[1].usedAt.localeCompare(a[1].usedAt));
  const last = etags[0]?.[1].usedAt;
  const [slices, others] = [etags.filter(([url]) => isSliceUrl(url)), etags.filter(([url]) => !isSliceUrl(url))];
  for (const [url, e] of slices) if (e.usedAt !== last) delete data.etags[url];
  for (const [url] of others.slice(MAX_ETAGS)) delete data.etags[url];
}
