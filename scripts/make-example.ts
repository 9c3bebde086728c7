/**
 * Writes the example world: examples/world.json (the raw GitHub data of a generated
 * repository; logs are regenerated from their seeds, not stored) and examples/planted.json
 * (what was planted, to compare an audit with). With --history it also collects
 * examples/history.json from that world with the bundled CLI, through the fake GitHub API,
 * and prints a scorecard: planted anomalies found and missed, decoys reported.
 *
 * `--world ts-monorepo` makes the second example instead (a TypeScript monorepo: jest, Playwright,
 * docker/build-push-action, actions/cache, Codecov) in examples/ts-monorepo/.
 *
 *   npx tsx scripts/make-example.ts [--world seed|ts-monorepo] [--history] [--seed N] [--runs N]
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startFakeGitHub } from '../test/fake-github/server.js';
import { generateWorld } from '../test/world/generate.js';
import { generateTsWorld } from '../test/world/ts-monorepo/generate.js';
import { formatScorecard, scoreFindings, type ScoredFinding } from '../test/world/score.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    history: { type: 'boolean' },
    seed: { type: 'string' },
    runs: { type: 'string' },
    world: { type: 'string', default: 'seed' },
  },
});
const WORLDS: Record<string, { make: () => ReturnType<typeof generateWorld>; dir: string }> = {
  seed: {
    make: () => generateWorld({ seed: Number(values.seed ?? 1), runs: Number(values.runs ?? 60) }),
    dir: 'examples',
  },
  'ts-monorepo': {
    make: () => generateTsWorld({ seed: Number(values.seed ?? 1), runs: Number(values.runs ?? 48) }),
    dir: 'examples/ts-monorepo',
  },
};
const chosen = WORLDS[values.world!];
if (!chosen) throw new Error(`--world must be one of ${Object.keys(WORLDS).join(', ')}, got "${values.world}"`);
const world = chosen.make();
const dir = path.join(root, chosen.dir);
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, 'world.json'), `${JSON.stringify(world)}\n`);
writeFileSync(path.join(dir, 'planted.json'), `${JSON.stringify(world.planted, null, 2)}\n`);
process.stderr.write(`${chosen.dir}/world.json: ${world.runs.length} runs, ${world.planted.length} planted items\n`);

if (values.history) {
  const gh = await startFakeGitHub(world);
  const scratch = mkdtempSync(path.join(tmpdir(), 'make-example-'));
  try {
    // The CLI collects through the fake exactly as the action would; --now pins the window.
    // Async: the fake server lives in this process, so a sync child would deadlock it.
    const child = spawn(
      process.execPath,
      [
        path.join(root, 'dist/cli/index.js'),
        '--repo',
        `${world.owner}/${world.repo}`,
        '--window',
        String(world.runs.length),
        '--api-url',
        gh.url,
        '--now',
        world.now,
        '--save-history',
        path.join(dir, 'history.json'),
        '--markdown',
        path.join(scratch, 'summary.md'),
        '--json',
        path.join(scratch, 'report.json'),
      ],
      {
        stdio: ['ignore', 'ignore', 'inherit'],
        env: {
          ...process.env,
          GITHUB_TOKEN: 'example-token',
          GITHUB_SERVER_URL: world.serverUrl,
          AUDIT_CI_CACHE_DIR: 'off',
        },
      },
    );
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    if (code !== 0) throw new Error(`the CLI exited with ${code}`);
    process.stderr.write(`${chosen.dir}/history.json collected with ${gh.requests.length} requests to the fake API\n`);
    const report = JSON.parse(readFileSync(path.join(scratch, 'report.json'), 'utf8')) as { findings: ScoredFinding[] };
    process.stdout.write(`${formatScorecard(scoreFindings(report.findings, world.planted))}\n`);
  } finally {
    await gh.close();
  }
}
