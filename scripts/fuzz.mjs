// `npm run test:fuzz [-- <jest args>]`: runs only the property-test files (those calling
// fc.assert) with a fresh random seed per file and ten times the runs, so the properties explore
// beyond the fixed seed CI uses. A failure prints the FC_SEED=… line that replays it.
// FC_SEED and FC_RUNS_SCALE from the environment win over these defaults (test/fast-check.ts).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const dir = join(root, '__tests__');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.test.ts') && readFileSync(join(dir, f), 'utf8').includes('fc.assert('))
  .map((f) => `__tests__/${f}`);

const env = {
  ...process.env,
  FC_SEED: process.env.FC_SEED || 'random',
  FC_RUNS_SCALE: process.env.FC_RUNS_SCALE || '10',
};
const jest = [
  '--experimental-vm-modules',
  join(root, 'node_modules/jest/bin/jest.js'),
  // Ten times the runs takes ten times as long: a test's timeout must not be what fails.
  '--testTimeout=900000',
  ...files,
  // Last, so an array option (--testPathIgnorePatterns a b) cannot swallow the file list.
  ...process.argv.slice(2),
];
console.log(`fuzz: ${files.length} files, FC_SEED=${env.FC_SEED}, FC_RUNS_SCALE=${env.FC_RUNS_SCALE}`);
const res = spawnSync(process.execPath, jest, { cwd: root, env, stdio: 'inherit' });
process.exit(res.status ?? 1);
