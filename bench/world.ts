/**
 * Synthetic histories for the benchmark, from the test-world generator: `size` runs in the
 * cold audit's window, and one more day of runs for each warm (next night's) audit.
 * Every test job gets a realistic log (filler lines), so the window holds tens of MB.
 */
import { generateWorld } from '../test/world/generate.js';
import { renderLog } from '../test/world/logs.js';
import type { RawJob, World } from '../test/world/types.js';

export interface BenchWorlds {
  /** The repository as it was at the first audit (`nights` days before the last). */
  cold: World;
  /** The same repository on each following night: a day of new runs each. */
  nights: World[];
}

const DAY = 86_400_000;
const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The repository as it was at `cutoff`: runs still going then were not listed as completed. */
function asOf(world: World, cutoff: number): World {
  return {
    ...world,
    now: iso(cutoff),
    runs: world.runs.filter((r) => Date.parse(r.updated_at) < cutoff),
    checkRuns: world.checkRuns.filter((c) => Date.parse(c.completed_at ?? c.started_at) < cutoff),
  };
}

/**
 * `size` runs over a week before the first audit, plus a day of runs (a seventh of a week) for
 * each of `nights` nightly audits after it.
 */
export function benchWorlds(size: number, logLines: number, seed = 7, nights = 1): BenchWorlds {
  const perDay = Math.max(1, Math.round(size / 7));
  const now = Date.parse('2026-11-24T06:00:00Z');
  const cutoff = now - nights * DAY;
  // The generator's days vary: more runs until the first audit's window has `size` of them.
  let total = size + perDay * nights;
  let last = generateWorld({ seed, runs: total, now: iso(now), spanHours: (7 + nights) * 24 });
  for (let tries = 0; tries < 5; tries++) {
    const before = asOf(last, cutoff).runs.length;
    if (before >= size) break;
    total += size - before;
    last = generateWorld({ seed, runs: total, now: iso(now), spanHours: (7 + nights) * 24 });
  }
  const jobs = new Map(Object.values(last.jobs).flatMap((list) => list.map((j) => [String(j.id), j] as const)));
  for (const [id, spec] of Object.entries(last.logs)) {
    const job = jobs.get(id);
    if (job && /test/i.test(job.name) && !spec.filler) spec.filler = logLines;
  }
  const days = Array.from({ length: nights }, (_, k) =>
    k === nights - 1 ? last : asOf(last, now - (nights - 1 - k) * DAY),
  );
  return { cold: asOf(last, cutoff), nights: days };
}

/** Bytes of a job's log as the fake serves it (0 when it has none). */
export function logBytes(world: World, job: RawJob): number {
  const spec = world.logs[String(job.id)];
  if (!spec) return 0;
  let n = 0;
  for (const line of renderLog(`${world.owner}/${world.repo}`, job, spec)) n += Buffer.byteLength(line);
  return n;
}

/** Bytes of every log of the latest `count` runs (what "logs in the window" means). */
export function windowLogBytes(world: World, count: number): number {
  let total = 0;
  for (const run of world.runs.slice(0, count)) {
    for (const job of world.jobs[String(run.id)] ?? []) total += logBytes(world, job);
  }
  return total;
}
