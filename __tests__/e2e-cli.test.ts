/**
 * The bundled CLI (`node dist/cli/index.js`, the package's `ci-anomaly-audit` bin) in a child
 * process against the fake GitHub API: a dry run by default, its run cache (a second audit
 * reads only what is new), --save-history / --from-history replay offline, and clear
 * errors for bad input.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ROOT } from '../test/e2e/run-action.js';
import { startFakeGitHub, type FakeGitHub } from '../test/fake-github/server.js';
import { generateWorld } from '../test/world/generate.js';
import { VERSION } from '../src/version.js';

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
    expect(badWindow.stderr).toBe(
      'ci-anomaly-audit: --window must be a run count (50) or a time span (36h, 7d, 2w), got "banana"\n',
    );
    expect(badWindow.stderr).not.toContain(TOKEN);
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--cache-dir DIR/);
  }, 60_000);

  it('--version prints the package version', async () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string; bin: object };
    const run = await cli(['--version']);
    expect(run).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
    expect(Object.keys(pkg.bin)).toEqual(['ci-anomaly-audit']);
    expect(VERSION).toBe(pkg.version);
  });

  it('a bad flag value, a missing file or an unwritable output: one line naming the flag, no stack', async () => {
    const cases: [string[], string][] = [
      [['--window', '-5'], '--window must be a run count (50) or a time span (36h, 7d, 2w), got "-5"'],
      [['--max-logs', 'many'], '--max-logs must be auto or a whole number from 0 to 1000, got "many"'],
      [['--repo', 'nope'], '--repo must be "owner/name", got "nope"'],
      [['--now', 'yesterday'], '--now must be an ISO time, got "yesterday"'],
      [['--window'], '--window needs a value (see ci-anomaly-audit --help)'],
      [['--bogus'], 'unknown option --bogus (see ci-anomaly-audit --help)'],
      [['--config', '/nonexistent.yml'], '--config: cannot read /nonexistent.yml: no such file or directory'],
      [
        ['--json', '/etc/passwd/report.json'],
        '--json: cannot write /etc/passwd/report.json: /etc/passwd is not a directory',
      ],
      [
        ['--cache-dir', '/etc/passwd/cache'],
        '--cache-dir: cannot use /etc/passwd/cache: /etc/passwd is not a directory',
      ],
      [['--api-url', 'notaurl'], '--api-url must be an http(s) URL such as https://api.github.com, got "notaurl"'],
      [['--no-cache=yes'], '--no-cache takes no value (see ci-anomaly-audit --help)'],
      [['stray'], 'unexpected argument "stray": every value follows its option (see ci-anomaly-audit --help)'],
      [
        ['--from-history', '/nonexistent.json'],
        '--from-history: cannot read /nonexistent.json: no such file or directory',
      ],
    ];
    for (const [args, message] of cases) {
      const run = await cli(['--repo', repo, ...args], env());
      expect({ args, code: run.code, stderr: run.stderr }).toEqual({
        args,
        code: 1,
        stderr: `ci-anomaly-audit: ${message}\n`,
      });
    }
  }, 60_000);

  it('replay honours --window, --branches, --workflows and --config, and refuses what it cannot narrow', async () => {
    const history = path.join(ROOT, 'examples', 'history.json');
    const saved = JSON.parse(readFileSync(history, 'utf8')) as { runs: { branch: string; workflowPath: string }[] };
    const json = path.join(dir, 'replay.json');
    const narrowed = await cli(
      ['--from-history', history, '--window', '20', '--branches', 'main', '--workflows', 'ci.yml', '--json', json],
      {},
    );
    expect(narrowed.code).toBe(0);
    const report = JSON.parse(readFileSync(json, 'utf8')) as {
      window: { requested: string };
      sample: { runs: number };
      findings: { occurrences: { branch: string }[] }[];
    };
    // As collection would: the newest 20 runs of CI on main (the recording holds them all).
    const kept = saved.runs.filter((r) => r.branch === 'main' && r.workflowPath.endsWith('/ci.yml')).slice(0, 20);
    expect(report.window.requested).toBe('20');
    expect(kept.length).toBeGreaterThan(5);
    expect(kept.length).toBeLessThan(saved.runs.length);
    expect(report.sample.runs).toBe(kept.length);
    expect(report.findings.flatMap((f) => f.occurrences.map((o) => o.branch)).every((b) => b === 'main')).toBe(true);

    // The defaults find warnings in this history; a rules file that puts them out of reach finds none.
    const categoriesOf = (file: string) =>
      (JSON.parse(readFileSync(file, 'utf8')) as { findings: { category: string }[] }).findings.map((f) => f.category);
    expect((await cli(['--from-history', history, '--json', json], {})).code).toBe(0);
    expect(categoriesOf(json)).toContain('warning');
    const rules = path.join(dir, 'strict.yml');
    writeFileSync(rules, 'warnings:\n  minRuns: 1000\n');
    const strict = await cli(['--from-history', history, '--config', rules, '--json', json], {});
    expect(strict.code).toBe(0);
    expect(categoriesOf(json)).not.toContain('warning');

    const refusals: [string[], RegExp][] = [
      [['--max-logs', '5'], /^ci-anomaly-audit: --max-logs applies when collecting; a replay reads no logs/],
      [['--window', '500'], /^ci-anomaly-audit: --window 500 is wider than the recorded window \(60, 60 runs/],
      [['--workflows', 'nope.yml'], /^ci-anomaly-audit: --workflows: no workflow matches "nope.yml"/],
    ];
    for (const [args, message] of refusals) {
      const run = await cli(['--from-history', history, ...args], {});
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    }

    const broken = path.join(dir, 'broken.json');
    const runs = (saved as { runs: Record<string, unknown>[] }).runs;
    const { jobs: _dropped, ...runWithoutJobs } = runs[0]!;
    writeFileSync(broken, JSON.stringify({ ...saved, runs: [runWithoutJobs, ...runs.slice(1)] }));
    const bad = await cli(['--from-history', broken], {});
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(
      `ci-anomaly-audit: --from-history: ${broken} is not an audit-ci history (schemaVersion 1): runs[0].jobs: missing\n`,
    );
  }, 60_000);

  it('API failures name the request: a bad token, a missing repository', async () => {
    const badToken = await cli(['--repo', repo, '--no-cache'], { ...env(), GITHUB_TOKEN: 'ghs_wrong' });
    expect(badToken.code).toBe(2);
    expect(badToken.stderr).toMatch(
      /^ci-anomaly-audit: GET \/repos\/acme\/widgets\/contents\/\.github\/audit-ci\.yml: 401 Unauthorized \(Bad credentials; the token is invalid, expired or revoked\)$/m,
    );
    expect(badToken.stderr).not.toMatch(/config"|\n\s+at /);
    const missing = await cli(['--repo', 'acme/nothing-here', '--no-cache'], env());
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(
      /^ci-anomaly-audit: GET \/repos\/acme\/nothing-here: 404 Not Found \(repository acme\/nothing-here does not exist or the token cannot see it\)$/m,
    );
  }, 60_000);
});
