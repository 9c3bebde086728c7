/**
 * `--windows N`: is a log-only anomaly found by design or by luck? N seeded repositories of
 * `size` runs (the test world's coverage-delivery mismatch in 3 runs), each audited cold, then on
 * two nights with the cache carried. Counts the windows whose cold audit, and whose second
 * nightly audit, reports the coverage finding (of the windows still holding a mismatched run).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { startFakeGitHub } from '../test/fake-github/server.js';
import type { World } from '../test/world/types.js';
import { runBundledAction, type ActionResult } from './action.js';
import { benchWorlds } from './world.js';

export interface WindowsArgs {
  windows: number;
  size: number;
  latency: number;
  logLines: number;
  maxLogs: string;
  token: string;
}

export interface WindowsResult {
  windows: number;
  coldFound: number;
  /** Windows whose second night still held a mismatched run, and of those, found. */
  secondHeld: number;
  secondFound: number;
  /** Logs read and units (REST + points) of the cold audits, summed. */
  coldLogs: number;
  coldRuns: number;
}

async function audit(world: World, a: WindowsArgs, cacheDir: string): Promise<ActionResult> {
  const fake = await startFakeGitHub(world, { latencyMs: a.latency, token: a.token, rateLimit: 1000 });
  try {
    const result = await runBundledAction({
      apiUrl: fake.url,
      repository: `${world.owner}/${world.repo}`,
      token: a.token,
      cacheDir,
      inputs: { window: String(a.size), 'max-logs': a.maxLogs, issue: 'true', 'pin-issue': 'false' },
    });
    world.issues = structuredClone(fake.issues);
    world.labels = structuredClone(fake.labels);
    return result;
  } finally {
    await fake.close();
  }
}

const found = (r: ActionResult): boolean => (r.report?.findings ?? []).some((f) => f.category === 'coverage');

/** Does the latest `size` runs' window of `world` hold a run whose log shows the mismatch? */
function holdsMismatch(world: World, size: number): boolean {
  return world.runs
    .slice(0, size)
    .some((r) => (world.jobs[String(r.id)] ?? []).some((j) => world.logs[String(j.id)]?.coverage === 'mismatch'));
}

export async function windowsProbe(a: WindowsArgs): Promise<WindowsResult> {
  const out: WindowsResult = { windows: 0, coldFound: 0, secondHeld: 0, secondFound: 0, coldLogs: 0, coldRuns: 0 };
  for (let seed = 1; seed <= a.windows; seed++) {
    const worlds = benchWorlds(a.size, a.logLines, 1000 + seed, 2);
    if (!holdsMismatch(worlds.cold, a.size)) continue;
    const dir = mkdtempSync(path.join(tmpdir(), 'audit-ci-bench-windows-'));
    try {
      out.windows++;
      const cold = await audit(worlds.cold, a, dir);
      if (found(cold)) out.coldFound++;
      out.coldLogs += cold.report?.sample?.logsRead ?? 0;
      out.coldRuns += cold.report?.sample?.runs ?? 0;
      let before = worlds.cold;
      let last: ActionResult | null = null;
      for (const night of worlds.nights) {
        night.issues = before.issues;
        night.labels = before.labels;
        last = await audit(night, a, dir);
        before = night;
      }
      if (holdsMismatch(worlds.nights.at(-1)!, a.size)) {
        out.secondHeld++;
        if (last && found(last)) out.secondFound++;
      }
      process.stderr.write(
        `bench: window ${seed}: cold ${found(cold) ? 'found' : 'MISSED'}, second night ${last && found(last) ? 'found' : 'missed'}\n`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return out;
}
