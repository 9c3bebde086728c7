/**
 * A first audit (its run cache empty) writes its label before collection, so its issue's create
 * and pin, after the rules, wait for no earlier write; an audit whose run cache holds runs writes
 * no label before collection (and none at all once its tracking issue exists); a dry run writes
 * nothing. Against the fake GitHub API on 127.0.0.1, with a run cache in a folder.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import nock from 'nock';
import { audit, type Logger } from '../src/audit.js';
import { folderStore } from '../src/cache/store.js';
import { createClient } from '../src/github/client.js';
import { readSettings } from '../src/inputs.js';
import { startFakeGitHub, type FakeGitHub } from '../test/fake-github/server.js';
import { generateWorld } from '../test/world/generate.js';

const TOKEN = 'ghs_labelEarlyTest0000000000000000000';
const world = generateWorld({ seed: 5, runs: 20 });
const quiet: Logger = { info: () => undefined, warn: () => undefined, debug: () => undefined, group: (_n, fn) => fn() };

async function auditOnce(gh: FakeGitHub, dir: string, issue: boolean) {
  const given: Record<string, string> = {
    token: TOKEN,
    repository: 'acme/widgets',
    window: '20',
    issue: String(issue),
  };
  const client = createClient({ token: TOKEN, baseUrl: gh.url, budget: 900, reserve: 25, retryBaseMs: 1 });
  await audit({
    settings: readSettings((n) => given[n] ?? '', {}),
    client,
    configText: null,
    serverUrl: 'https://github.com',
    now: new Date(world.now),
    cacheStore: folderStore(dir),
    log: quiet,
  });
}

const at = (gh: FakeGitHub, from: number, test: (r: { method: string; path: string }) => boolean) =>
  gh.requests.slice(from).findIndex(test);
const isLabel = (r: { method: string; path: string }) => r.method === 'POST' && r.path.endsWith('/labels');
const isListing = (r: { method: string; path: string }) => r.method === 'GET' && /\/actions\/runs(\?|$)/.test(r.path);
/** The writes: REST writes and GraphQL mutations (GraphQL queries are POSTs too). */
const writesOf = (gh: FakeGitHub) =>
  gh.writes.filter(
    (w) => w.path !== '/graphql' || /^\s*mutation\b/.test(String((w.body as { query?: unknown })?.query)),
  );

beforeAll(() => nock.enableNetConnect('127.0.0.1'));
afterAll(() => nock.restore());

describe('the label of a first audit', () => {
  it('is written before collection when the run cache is empty, and not again once it holds runs', async () => {
    const gh = await startFakeGitHub(world, { token: TOKEN });
    try {
      const dir = mkdtempSync(path.join(tmpdir(), 'audit-ci-label-early-'));
      await auditOnce(gh, dir, true);
      const label = at(gh, 0, isLabel);
      expect(label).toBeGreaterThanOrEqual(0);
      expect(label).toBeLessThan(at(gh, 0, isListing));
      // One label, one issue, its pin: three writes, the label first.
      expect(writesOf(gh).map((w) => (isLabel(w) ? 'label' : w.path.endsWith('/issues') ? 'issue' : w.path))).toEqual([
        'label',
        'issue',
        '/graphql',
      ]);
      // The second audit has a run cache and finds its issue: no label at all.
      const before = gh.requests.length;
      const writes = writesOf(gh).length;
      await auditOnce(gh, dir, true);
      expect(at(gh, before, isLabel)).toBe(-1);
      expect(writesOf(gh).length).toBeGreaterThan(writes); // the issue's update
    } finally {
      await gh.close();
    }
  }, 60_000);

  it('a dry run with an empty run cache writes no label', async () => {
    const gh = await startFakeGitHub(world, { token: TOKEN });
    try {
      await auditOnce(gh, mkdtempSync(path.join(tmpdir(), 'audit-ci-label-dry-')), false);
      expect(writesOf(gh)).toEqual([]);
    } finally {
      await gh.close();
    }
  }, 60_000);
});
