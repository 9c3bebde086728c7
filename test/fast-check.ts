/**
 * How property tests pick their seed and their number of runs (read by test/setup/fast-check.ts
 * and by the tests through `runs()`).
 *
 * - `FC_SEED` unset: every run of the suite uses `FIXED_SEED`, so CI fails only when the code
 *   changed, never because a new random draw found an old bug. `FC_SEED=<int>` replays one seed;
 *   `FC_SEED=random` draws a fresh one per test file (`npm run test:fuzz`).
 * - `FC_RUNS_SCALE` (default 1) multiplies every property's number of runs. fast-check merges
 *   `configureGlobal()` under each assert's own parameters, so a test's `{ numRuns: 300 }` would
 *   shadow a global `numRuns`; tests write `runs(300)` instead, which applies the scale.
 */
import { randomInt } from 'node:crypto';

/** Any fixed 32-bit value works; changing it re-draws every property test's inputs. */
export const FIXED_SEED = 20_261_201;

/** fast-check's default number of runs for an assert that names none. */
const DEFAULT_RUNS = 100;

export function seedFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.FC_SEED?.trim();
  if (!raw) return FIXED_SEED;
  if (raw === 'random') return randomInt(-(2 ** 31), 2 ** 31);
  const seed = Number(raw);
  if (!Number.isSafeInteger(seed)) throw new Error(`FC_SEED must be an integer or "random", got "${raw}"`);
  return seed | 0;
}

export function runsScale(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.FC_RUNS_SCALE?.trim();
  if (!raw) return 1;
  const scale = Number(raw);
  if (!(scale > 0) || !Number.isFinite(scale)) throw new Error(`FC_RUNS_SCALE must be a positive number, got "${raw}"`);
  return scale;
}

/** The number of runs of one assert: `n` times `FC_RUNS_SCALE`. */
export function runs(n: number = DEFAULT_RUNS): { numRuns: number } {
  return { numRuns: Math.max(1, Math.round(n * runsScale())) };
}
