/**
 * The bundled CLI (`node dist/cli/index.js`, the package's `audit-ci` bin) in a child
 * process against the fake GitHub API: a dry run by default, its run cache (a second audit
 * reads only what is new), --save-history / --from-history replay offline, and clear
 * errors for bad input.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ROOT } from '../test/e2e/run-action.js';
import { startFakeGitHub, type FakeGitHub } from '../test/fake-github/server.js';
import { generateWorld } from '../test/world/generate.js';

const CLI = path.join(ROOT, 'dist', 'cli', 'index.js');
const TOKEN = 'ghs_cliTestToken000000000000000000000000';

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Async on purpose: the fake server lives in this process. */
function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
      cwd: tmpdir(),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const world = generateWorld({ seed: 2, runs: 40 });
// A rules file on the default branch (the defaults, so the replay below matches): read once,
// then answered 304 (free) to the cached audit.
world.contents['.github/audit-ci.yml'] = 'warnings:\n  minRuns: 1\n';
const apiRequests = (gh: FakeGitHub, from = 0) =>
  gh.requests.slice(from).filter((r) => !r.path.startsWith('/_blobs/') && r.status !== 304);

describe('audit-ci CLI', () => {
  let gh: FakeGitHub;
  let dir: string;
  beforeAll(async () => {
    gh = await startFakeGitHub(world, { token: TOKEN });
    dir = mkdtempSync(path.join(tmpdir(), 'audit-ci-cli-'));
  });
  afterAll(async () => {
    await gh.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const env = () => ({ GITHUB_TOKEN: TOKEN, GITHUB_API_URL: gh.url, AUDIT_CI_CACHE_DIR: path.join(dir, 'cache') });
  const repo = `${world.owner}/${world.repo}`;

  it('audits as a dry run, then reads only what is new with its run cache', async () => {
    const json = path.join(dir, 'report.json');
    const history = path.join(dir, 'history.json');
    const first = await cli(
      // A fixed max-logs: with auto, a warm audit also fills in older runs' evidence-bearing logs.
      [
        '--repo',
        repo,
        '--window',
        '30',
        '--max-logs',
        '40',
        '--json',
        json,
        '--save-history',
        history,
        '--now',
        world.now,
      ],
      env(),
    );
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`## CI audit of ${repo}`);
    expect(first.stderr).toMatch(/Run cache \(folder\): cold/);
    expect(first.stderr).toContain('Rules: .github/audit-ci.yml (default branch)');
    // A dry run: GraphQL queries are reads; no REST write, no mutation.
    const writes = gh.writes.filter((w) => !w.path.endsWith('/graphql') || /mutation/.test(JSON.stringify(w.body)));
    expect(writes).toEqual([]);
    expect(first.stdout + first.stderr).not.toContain(TOKEN);
    const report = JSON.parse(readFileSync(json, 'utf8')) as { sample: { runs: number }; findings: unknown[] };
    expect(report.sample.runs).toBe(30);
    expect(report.findings.length).toBeGreaterThan(0);
    const cold = apiRequests(gh).length;

    const from = gh.requests.length;
    const json2 = path.join(dir, 'report2.json');
    const second = await cli(
      ['--repo', repo, '--window', '30', '--max-logs', '40', '--json', json2, '--now', world.now],
      env(),
    );
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/Run cache \(folder\): restored/);
    expect(second.stderr).toContain('Rules: .github/audit-ci.yml (default branch)');
    const contents = gh.requests.slice(from).filter((r) => r.path.includes('/contents/'));
    expect(contents.map((r) => [decodeURIComponent(r.path.split('/contents/')[1]!), r.status])).toEqual([
      ['.github', 304],
      ['.github/audit-ci.yml', 304],
    ]);
    // Completed runs come from the cache; only unfinished ones are read again (and a few logs
    // the first audit left over max-logs: a warm audit tops up the backlog).
    const details = /Details: (\d+) runs from the cache, (\d+) by GraphQL, (\d+) over REST/.exec(second.stderr);
    expect(details).not.toBeNull();
    const unfinished = world.runs.slice(0, 30).filter((r) => r.status !== 'completed').length;
    expect(Number(details![1])).toBe(30 - unfinished);
    expect(Number(details![2]) + Number(details![3])).toBe(unfinished);
    expect(apiRequests(gh, from).length * 3).toBeLessThan(cold);
    // Nothing the first audit found is lost by reading from the cache.
    const ids = (file: string) =>
      (JSON.parse(readFileSync(file, 'utf8')) as { findings: { id: string }[] }).findings.map((f) => f.id);
    expect(ids(json2)).toEqual(expect.arrayContaining(ids(json)));

    // --from-history replays the saved data offline: no token, no request.
    const before = gh.requests.length;
    const replay = await cli(['--from-history', history, '--now', world.now], { AUDIT_CI_CACHE_DIR: 'off' });
    expect(replay.code).toBe(0);
    expect(gh.requests.length).toBe(before);
    expect(replay.stdout.replace(/\*\*API:\*\*.*\n/, '')).toBe(first.stdout.replace(/\*\*API:\*\*.*\n/, ''));
  }, 60_000);

  it('--no-cache reads everything again and writes no cache', async () => {
    const cacheDir = path.join(dir, 'unused');
    const run = await cli(['--repo', repo, '--window', '5', '--no-cache', '--cache-dir', cacheDir], env());
    expect(run.code).toBe(0);
    expect(run.stderr).not.toMatch(/Run cache/);
    expect(existsSync(cacheDir)).toBe(false);
  }, 60_000);

  it('fails with a message naming the problem, and never prints the token', async () => {
    const noToken = await cli(['--repo', repo], {});
    expect(noToken.code).not.toBe(0);
    expect(noToken.stderr).toMatch(/GITHUB_TOKEN or GH_TOKEN/);
    const badWindow = await cli(['--repo', repo, '--window', 'banana'], env());
    expect(badWindow.code).not.toBe(0);
    expect(badWindow.stderr).toMatch(/"window"/);
    expect(badWindow.stderr).not.toContain(TOKEN);
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--cache-dir DIR/);
  }, 60_000);
});
