/**
 * Jest setup (setupFilesAfterEnv): property tests run with a fixed seed unless `FC_SEED` says
 * otherwise (test/fast-check.ts), and a failure names the seed and the command that replays it.
 * Runs once per test file, in that file's module registry, so it configures the fast-check the
 * tests import.
 */
import { expect } from '@jest/globals';
import fc from 'fast-check';
import { relative } from 'node:path';
import { runs, runsScale, seedFromEnv } from '../fast-check.js';

const seed = seedFromEnv();
const scale = runsScale();

fc.configureGlobal({ seed, ...runs() });

/** Throwing from onAllRunsComplete replaces assert's own error: same report, plus how to replay it. */
fc.installGlobalPlugin(() => ({
  onAllRunsComplete(out) {
    if (!out.failed) return;
    const file = expect.getState().testPath;
    const env = `FC_SEED=${out.seed}${scale === 1 ? '' : ` FC_RUNS_SCALE=${scale}`}`;
    const replay = `Replay: ${env} npm test -- ${file ? relative(process.cwd(), file) : '<test file>'}`;
    throw new Error(`${fc.defaultReportMessage(out)}\n\n${replay}`, { cause: out.errorInstance });
  },
}));
