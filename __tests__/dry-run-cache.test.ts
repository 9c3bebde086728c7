/**
 * `issue: false` is documented as "no writes anywhere": the action's dry run restores the
 * Actions cache (reading saves API requests) but saves no cache entry and writes no cache file.
 */
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCacheStore } from '../src/audit.js';
import { RunCache } from '../src/cache/run-cache.js';
import { actionsCacheStore, folderStore, readOnlyStore, type ActionsCacheApi } from '../src/cache/store.js';
import type { Settings } from '../src/inputs.js';

const runnerEnv = (temp: string) => ({
  GITHUB_ACTIONS: 'true',
  RUNNER_TEMP: temp,
  ACTIONS_RESULTS_URL: 'http://127.0.0.1:9/results/',
  GITHUB_RUN_ID: '7',
  GITHUB_RUN_ATTEMPT: '1',
});
const settings = (issue: boolean) => ({ settings: { issue } as Settings });

describe('the run cache on a dry run', () => {
  it('the action saves the Actions cache when it writes the issue, and not on issue: false', () => {
    const temp = mkdtempSync(path.join(tmpdir(), 'audit-ci-dry-'));
    const live = runCacheStore(settings(true), 'acme/widgets', runnerEnv(temp));
    const dry = runCacheStore(settings(false), 'acme/widgets', runnerEnv(temp));
    expect(live?.kind).toBe('actions-cache');
    expect(live?.readOnly).toBeUndefined();
    expect(dry?.kind).toBe('actions-cache');
    expect(dry?.readOnly).toBe(true);
    // The CLI's own folder (passed in) is its documented cache and stays writable.
    const folder = folderStore(path.join(temp, 'cli'));
    expect(runCacheStore({ ...settings(false), cacheStore: folder }, 'acme/widgets', runnerEnv(temp))).toBe(folder);
    expect(runCacheStore(settings(false), 'acme/widgets', {})).toBeNull();
  });

  it('a read-only store restores but never saves, and writes no cache file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'audit-ci-dry-'));
    const calls: string[] = [];
    const api: ActionsCacheApi = {
      isFeatureAvailable: () => true,
      restoreCache: async (_p, key) => {
        calls.push(`restore ${key}`);
        return undefined;
      },
      saveCache: async (_p, key) => {
        calls.push(`save ${key}`);
        return 1;
      },
    };
    const store = readOnlyStore(actionsCacheStore({ dir, prefix: 'audit-ci-v1-acme_widgets-', suffix: '7-1', api }));
    const cache = new RunCache(store, 'acme/widgets', 'cfg');
    await cache.load();
    const history = { runs: [], window: { requested: '50', from: '2026-11-01T00:00:00Z', to: '2026-11-02T00:00:00Z' } };
    expect(await cache.save(history)).toBeNull();
    expect(calls).toEqual(['restore audit-ci-v1-acme_widgets-7-1']);
    expect(readdirSync(dir)).toEqual([]);

    // The trap: the same store, writable, does save (so the assertion above means something).
    const writable = actionsCacheStore({ dir, prefix: 'audit-ci-v1-acme_widgets-', suffix: '7-1', api });
    const live = new RunCache(writable, 'acme/widgets', 'cfg');
    await live.load();
    expect(await live.save(history)).toBe('audit-ci-v1-acme_widgets-7-1');
    expect(calls.at(-1)).toBe('save audit-ci-v1-acme_widgets-7-1');
    expect(existsSync(path.join(dir, readdirSync(dir)[0]!))).toBe(true);
  });
});
