/**
 * Where the run cache lives between audits: a folder, persisted by one of two backends.
 * - local folder (the CLI, or any machine that keeps its disk): nothing to restore or save.
 * - @actions/cache (the nightly action): the folder under RUNNER_TEMP is restored from the
 *   newest cache whose key starts with the prefix, and saved under a new key (caches are
 *   immutable: one key per audit, `<prefix><run id>-<attempt>`), so each night restores the
 *   latest. GitHub evicts caches unused for 7 days and past 10 GB per repository.
 * Cache trouble never fails an audit: it only makes the audit cold.
 */
import { existsSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { CACHE_FILE } from './cache-file.js';

export interface CacheStore {
  /** Backend name for logs: "folder" or "actions-cache". */
  readonly kind: string;
  /** The folder the cache files are read from and written to. */
  readonly dir: string;
  /** Bring the folder back from storage; returns what was restored (a key) or null. */
  restore(): Promise<string | null>;
  /** Persist the folder; returns the key saved under, or null. */
  save(): Promise<string | null>;
  /** Restored, never saved (a dry run of the action: no cache entry written). */
  readOnly?: boolean;
}

/** The store restored as usual but never saved: the run cache file is not written either. */
export function readOnlyStore(store: CacheStore): CacheStore {
  return { ...store, readOnly: true, save: async () => null };
}

export function folderStore(dir: string): CacheStore {
  return {
    kind: 'folder',
    dir,
    async restore() {
      mkdirSync(dir, { recursive: true });
      return existsSync(path.join(dir, CACHE_FILE)) ? dir : null;
    },
    async save() {
      return dir;
    },
  };
}

/** The subset of @actions/cache used here (injectable for tests). */
export interface ActionsCacheApi {
  isFeatureAvailable(): boolean;
  restoreCache(paths: string[], primaryKey: string, restoreKeys?: string[]): Promise<string | undefined>;
  saveCache(paths: string[], key: string): Promise<number>;
}

export interface ActionsStoreOptions {
  dir: string;
  /** e.g. "audit-ci-v1-acme/widgets-": every save starts with it, restores match it. */
  prefix: string;
  /** Unique per audit: GITHUB_RUN_ID-GITHUB_RUN_ATTEMPT, else the time. */
  suffix: string;
  api?: ActionsCacheApi;
  log?: (msg: string) => void;
}

export function actionsCacheStore(o: ActionsStoreOptions): CacheStore {
  const log = o.log ?? (() => undefined);
  const api = async (): Promise<ActionsCacheApi> => o.api ?? ((await import('@actions/cache')) as ActionsCacheApi);
  const key = `${o.prefix}${o.suffix}`;
  return {
    kind: 'actions-cache',
    dir: o.dir,
    async restore() {
      mkdirSync(o.dir, { recursive: true });
      try {
        const hit = await (await api()).restoreCache([o.dir], key, [o.prefix]);
        return hit ?? null;
      } catch (e) {
        log(`run cache not restored: ${(e as Error).message}`);
        return null;
      }
    },
    async save() {
      try {
        const id = await (await api()).saveCache([o.dir], key);
        return id === -1 ? null : key;
      } catch (e) {
        // ReserveCacheError (another job saved this key), read-only tokens on forks, quota.
        log(`run cache not saved: ${(e as Error).message}`);
        return null;
      }
    },
  };
}

export interface StoreEnv {
  /** AUDIT_CI_CACHE_DIR: a folder to use as is (the CLI, the benchmark). "off" disables caching. */
  AUDIT_CI_CACHE_DIR?: string;
  GITHUB_ACTIONS?: string;
  RUNNER_TEMP?: string;
  GITHUB_RUN_ID?: string;
  GITHUB_RUN_ATTEMPT?: string;
  ACTIONS_RESULTS_URL?: string;
  ACTIONS_CACHE_URL?: string;
}

/**
 * The store for this process: an explicit folder wins; on a runner with the cache service,
 * @actions/cache; otherwise none (a runner without the service would only write a folder
 * that is thrown away with the job). The CLI passes its own folder (.audit-ci-cache/).
 */
export function defaultStore(
  repository: string,
  env: StoreEnv = process.env,
  log?: (msg: string) => void,
): CacheStore | null {
  const explicit = env.AUDIT_CI_CACHE_DIR;
  if (explicit === 'off') return null;
  if (explicit) return folderStore(path.resolve(explicit));
  const service = env.ACTIONS_RESULTS_URL || env.ACTIONS_CACHE_URL;
  if (env.GITHUB_ACTIONS !== 'true' || !env.RUNNER_TEMP || !service) return null;
  return actionsCacheStore({
    dir: path.join(env.RUNNER_TEMP, 'audit-ci-cache'),
    prefix: `audit-ci-v1-${repository.replace(/[^A-Za-z0-9._-]/g, '_')}-`,
    suffix: `${env.GITHUB_RUN_ID ?? Date.now()}-${env.GITHUB_RUN_ATTEMPT ?? '1'}`,
    ...(log ? { log } : {}),
  });
}
