/**
 * The run cache opened for an audit: restored before the first request (so the rules file
 * can be read with conditional requests), with the client's ETag hook pointed at it.
 */
import type { Config } from '../config-types.js';
import type { AuditClient } from '../github/client.js';
import { installEtags, isSliceUrl } from '../github/etag-cache.js';
import { compactRun } from '../collect/runs.js';
import type { GhRun } from '../collect/map.js';
import { RunCache, configFingerprint } from './run-cache.js';
import { defaultStore, type CacheStore } from './store.js';

/** The cache each client's ETag hook reads: the hook is installed once per client. */
const current = new WeakMap<AuditClient, { cache: RunCache | null }>();

export interface OpenCacheOptions {
  client: AuditClient;
  repository: string;
  /** The rules in force; when the cache is opened before they are read, `RunCache.useConfig` later. */
  config?: Config;
  /** The store; default: from the environment (AUDIT_CI_CACHE_DIR, or @actions/cache on a runner). */
  store?: CacheStore | null;
  now?: Date;
  log?: (msg: string) => void;
}

/** The cache for this audit, loaded; null when there is no store (tests, a runner without the cache service). */
export async function openRunCache(o: OpenCacheOptions): Promise<RunCache | null> {
  const store = o.store !== undefined ? o.store : defaultStore(o.repository, process.env, o.log);
  const previous = current.get(o.client);
  if (previous) previous.cache = null;
  if (!store) return null;
  const cache = new RunCache(store, o.repository, o.config ? configFingerprint(o.config) : '', o.now);
  const restored = await cache.load();
  const size = cache.size;
  o.log?.(
    `Run cache (${store.kind}): ${restored ? `restored ${restored}` : 'cold'}, ${size.runs} runs, ${size.logs} log digests`,
  );
  const holder = current.get(o.client);
  if (holder) holder.cache = cache;
  else {
    const h = { cache: cache as RunCache | null };
    current.set(o.client, h);
    installEtags(o.client.octokit, () => h.cache, shrinkListing);
  }
  return cache;
}

/** What the run cache keeps of a run list page of a date slice: its count and compact runs. */
export function shrinkListing(key: string, data: unknown): unknown {
  if (!isSliceUrl(key)) return data;
  const page = data as { total_count?: number; workflow_runs?: GhRun[] };
  return { total_count: page.total_count, workflow_runs: (page.workflow_runs ?? []).map(compactRun) };
}
