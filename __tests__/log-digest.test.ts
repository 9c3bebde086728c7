import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { runs } from '../test/fast-check.js';
import { DEFAULT_CONFIG, parseConfig, type Config } from '../src/config.js';
import { createLogDigester, digestLogText, fewLetters, normalizeLogLine } from '../src/parse/log-digest.js';

const config: Config = structuredClone(DEFAULT_CONFIG);
const fixture = readFileSync(new URL('./fixtures/rules-b/job-log.txt', import.meta.url), 'utf8');

describe('digestLogText on a GitHub job log', () => {
  const d = digestLogText(7, fixture.replace(/\n/g, '\r\n'), config);

  it('reads times, lines and bytes (BOM and CRLF handled)', () => {
    expect(d.jobId).toBe(7);
    expect(d.firstAt).toBe('2026-11-20T10:00:00.100Z');
    expect(d.lastAt).toBe('2026-11-20T10:09:02.000Z');
    expect(d.bytes).toBe(Buffer.byteLength(fixture.replace(/\n/g, '\r\n')));
    expect(d.truncated).toBe(false);
  });

  it('makes one section per step, spanning its output after the endgroup', () => {
    expect(d.sections.map((s) => s.name)).toEqual([
      'Set up job',
      'Run actions/checkout@v4',
      'Run make test',
      'Post job cleanup',
      'Complete job',
    ]);
    // Set up job folds in its own groups (Operating System, …).
    expect(d.sections[0]).toEqual({
      name: 'Set up job',
      startedAt: '2026-11-20T10:00:00.100Z',
      endedAt: '2026-11-20T10:00:00.220Z',
      lines: 4,
    });
    const checkout = d.sections[1]!;
    expect(checkout.startedAt).toBe('2026-11-20T10:00:01.000Z');
    expect(checkout.endedAt).toBe('2026-11-20T10:04:01.000Z');
    expect(checkout.lines).toBe(6);
    // The user's ::group:: printed by `make test` stays inside that step.
    expect(d.sections[2]!.endedAt).toBe('2026-11-20T10:09:00.040Z');
  });

  it('matches configured patterns with their section, never ignored lines', () => {
    const full = d.matches.filter((m) => m.key === 'fullHistoryFetch');
    // The fetch command is output; the `with:` echo (`fetch-depth: 0`) inside the step's group is not.
    expect(full.map((m) => m.section)).toEqual(['Run actions/checkout@v4']);
    expect(full[0]!.line).toMatch(/^\/usr\/bin\/git .* \+refs\/heads\/\*:refs\/remotes\/origin\/\*/);
    expect(d.matchCounts.cacheMiss).toBe(1);
    expect(d.matches.find((m) => m.key === 'cacheMiss')!.line).toMatch(/^\[cache\] Checkpoint miss: no cached image/);
    expect(d.matches.some((m) => /mngr default Dockerfile/.test(m.line))).toBe(false);
    const err = d.matches.find((m) => m.key === 'error')!;
    expect(err).toMatchObject({ line: 'Process completed with exit code 1.', section: 'Run make test' });
    expect(err.lineNo).toBe(24);
  });

  it('reads pytest durations, summing setup and call', () => {
    expect(d.testDurations[0]).toEqual({ test: 'tests/test_api.py::test_full_sync', seconds: 248.1, runner: 'pytest' });
    expect(d.testDurations).toHaveLength(2);
  });
});

describe('test durations of other runners', () => {
  it('reads jest, go and surefire lines', () => {
    const text = [
      '2026-11-20T10:00:00.0000000Z   ✓ renders the list (1234 ms)',
      '2026-11-20T10:00:00.0000000Z   ✕ fails slowly (2 s)',
      '--- PASS: TestSync (12.34s)',
      '    --- FAIL: TestSync/sub (0.50s)',
      'Tests run: 4, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: 31.2 s - in com.acme.FooTest',
    ].join('\n');
    const got = digestLogText(1, text, config).testDurations;
    expect(got).toEqual([
      { test: 'com.acme.FooTest', seconds: 31.2, runner: 'junit' },
      { test: 'TestSync', seconds: 12.34, runner: 'go' },
      { test: 'fails slowly', seconds: 2, runner: 'jest' },
      { test: 'renders the list', seconds: 1.234, runner: 'jest' },
      { test: 'TestSync/sub', seconds: 0.5, runner: 'go' },
    ]);
  });
});

describe('repeated lines', () => {
  it('groups lines that differ only in numbers, ids and durations', () => {
    const lines: string[] = [];
    for (let i = 0; i < 30; i++)
      lines.push(
        `2026-11-20T10:00:${String(i).padStart(2, '0')}.0000000Z WARN retry ${i} for job 3f2a9c1e7b after ${i * 10}ms`,
      );
    lines.push('2026-11-20T10:01:00.0000000Z a line seen once');
    const d = digestLogText(1, lines.join('\n'), config);
    expect(d.repeated).toEqual([
      {
        normalized: 'WARN retry <n> for job <hex> after <dur>',
        example: 'WARN retry 0 for job 3f2a9c1e7b after 0ms',
        count: 30,
      },
    ]);
  });

  it('never counts ignored lines (the seed repository rules file ignores its benign host line)', () => {
    const text = Array.from({ length: 40 }, () => 'building from mngr default Dockerfile').join('\n');
    const seed = parseConfig(
      readFileSync(new URL('../examples/seed-repository.audit-ci.yml', import.meta.url), 'utf8'),
    );
    expect(digestLogText(1, text, seed).repeated).toEqual([]);
    // The built-in defaults name no repository's lines: the same line counts as noise there.
    expect(digestLogText(1, text, config).repeated.map((r) => r.count)).toEqual([40]);
  });

  it('masks uuids and clock times', () => {
    expect(normalizeLogLine('id 123e4567-e89b-12d3-a456-426614174000 at 10:00:01 took 1.5s')).toBe(
      'id <id> at <time> took <dur>',
    );
  });
});

describe('bounds and robustness', () => {
  it('keeps at most maxMatchesPerKey matches but counts all', () => {
    const text = Array.from({ length: 50 }, (_, i) => `##[error]boom ${i}`).join('\n');
    const d = digestLogText(1, text, { ...config, logs: { ...config.logs, maxMatchesPerKey: 5 } });
    expect(d.matches.filter((m) => m.key === 'error')).toHaveLength(5);
    expect(d.matchCounts.error).toBe(50);
  });

  it('stops digesting past maxBytes but keeps counting lines', () => {
    const text = Array.from({ length: 100 }, () => '##[error]x').join('\n');
    const d = digestLogText(1, text, { ...config, logs: { ...config.logs, maxBytes: 110 } });
    expect(d.truncated).toBe(true);
    expect(d.lines).toBe(100);
    expect(d.matchCounts.error).toBe(10);
  });

  it('cuts a 10 MB line before matching and keeps a short match line', () => {
    const d = digestLogText(1, `##[error]${'x'.repeat(10 * 1024 * 1024)}`, config);
    expect(d.matches[0]!.line.length).toBe(500);
    expect(d.lines).toBe(1);
  });

  it('never throws on random input', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string(),
            fc.string({ unit: 'binary' }),
            fc.constantFrom('##[group]', '##[endgroup]', '\ufeff', '2026-11-20T10:00:00.1234567Z ##[group]Run x'),
          ),
        ),
        (lines) => {
          const dg = createLogDigester(1, config);
          for (const l of lines) dg.push(l);
          const d = dg.finish(-1);
          expect(d.lines).toBe(lines.length);
        },
      ),
      runs(300),
    );
  });

  it('stays bounded on a 50 MB log fed line by line', () => {
    const dg = createLogDigester(1, config);
    let bytes = 0;
    let i = 0;
    while (bytes < 50 * 1024 * 1024) {
      const ts = `2026-11-20T10:${String(Math.floor(i / 60000) % 60).padStart(2, '0')}:00.0000000Z`;
      const kind = i % 1000;
      const line =
        kind === 0
          ? `${ts} ##[group]Run step ${i}`
          : kind === 1
            ? `${ts} ##[error]failure number ${i}`
            : `${ts} unique output line ${i.toString(36)} ${(i * 7919).toString(26)} payload ${'z'.repeat(i % 40)}`;
      dg.push(line);
      bytes += line.length + 1;
      i++;
    }
    const d = dg.finish(bytes);
    expect(d.lines).toBe(i);
    expect(d.sections.length).toBeLessThanOrEqual(500);
    expect(d.matches.length).toBeLessThanOrEqual(
      config.logs.maxMatchesPerKey * Object.keys(config.logs.patterns).length,
    );
    expect(d.repeated.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(d).length).toBeLessThan(200_000);
  });
});

describe('normalizeLogLine keeps what tells lines apart', () => {
  it('keeps digits inside names and dotted versions', () => {
    expect(normalizeLogLine('tests/unit/test_mod3.py::test_case_12 PASSED [ 45%]')).toBe(
      'tests/unit/test_mod3.py::test_case_12 PASSED [ <n>%]',
    );
    expect(normalizeLogLine(' * [new tag]         v1.2.3     -> v1.2.3')).toBe('* [new tag] v1.2.3 -> v1.2.3');
    expect(normalizeLogLine('Downloaded 1234 of 5678 bytes (12.5 MB/s)')).toBe(
      'Downloaded <n> of <n> bytes (<n> MB/s)',
    );
  });

  it('does not make noise of a test listing', () => {
    const text = Array.from(
      { length: 60 },
      (_, i) => `tests/unit/test_mod${i % 3}.py::test_case_${i} PASSED [${i}%]`,
    ).join('\n');
    expect(digestLogText(1, text, config).repeated).toEqual([]);
  });
});

describe('the shortcuts of the normaliser change nothing', () => {
  /** The normaliser as it was: every mask on every line, in this order. */
  const reference = (body: string) =>
    body
      .replace(/\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?/g, '<time>')
      .replace(/\b\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?\b/g, '<time>')
      .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<id>')
      .replace(/\b(?=[0-9a-f]*\d)[0-9a-f]{7,}\b/gi, '<hex>')
      .replace(/\b\d+(?:\.\d+)?\s?(?:ms|s|sec|seconds?|m|min|minutes?|h)\b/g, '<dur>')
      .replace(/(?<![\w.])\d+(?:\.\d+)?(?![\w.]|\.\d)/g, '<n>')
      .replace(/\s+/g, ' ')
      .trim();
  const pieces = fc.constantFrom(
    '2026-11-20T10:00:00.1234567Z',
    '10:00:01',
    'deadbeef-dead-beef-dead-beefdeadbeef',
    '123e4567-e89b-12d3-a456-426614174000',
    'abc1234def',
    '1.5s',
    '12 ms',
    '42',
    'v1.2.3',
    'test_mod3',
    '<n>',
    '<x',
    'a',
    'Build',
    ' ',
    '\t',
    '-',
    ':',
    '.',
    'é',
    '[gw1]',
  );
  const line = fc.oneof(
    fc.array(pieces, { maxLength: 12 }).map((p) => p.join('')),
    fc.string({ maxLength: 40 }),
  );

  it('normalizeLogLine gives what every mask in turn gives', () => {
    fc.assert(
      fc.property(line, (l) => normalizeLogLine(l) === reference(l)),
      runs(1000),
    );
    for (const l of fixture.split('\n')) expect(normalizeLogLine(l)).toBe(reference(l));
  });

  it('fewLetters says what counting the letters outside the masks says', () => {
    fc.assert(
      fc.property(line, (l) => {
        const norm = normalizeLogLine(l);
        return fewLetters(norm) === norm.replace(/<\w+>|[^a-z]/gi, '').length < 4;
      }),
      runs(1000),
    );
    expect(fewLetters('<n> <time> ab<cd')).toBe(false);
    expect(fewLetters('<n> abc<def>')).toBe(true);
  });
});

describe('git ref listings', () => {
  it('are not noise, however long', () => {
    const text = Array.from({ length: 60 }, () => ' * [new tag]         v1.2.3     -> v1.2.3').join('\n');
    expect(digestLogText(1, text, config).repeated).toEqual([]);
  });
});

/* Real job logs: see fixtures/logs/SOURCES.md for where every line comes from. */
const real = (name: string): string => readFileSync(new URL(`./fixtures/logs/${name}`, import.meta.url), 'utf8');
const ESC = '\u001b';

describe('real job logs: the runner echo, bookkeeping and progress meters are never evidence', () => {
  // The broad patterns of earlier defaults: the trap is the echo, not the pattern.
  const broad: Config = {
    ...config,
    logs: {
      ...config.logs,
      patterns: { ...config.logs.patterns, mismatch: ['\\bMISMATCH\\b'], notes: ['refs/notes'], anyError: ['error'] },
    },
  };

  it('seed test-offload job: script lines never match, their output does', () => {
    const d = digestLogText(1, real('seed-test-offload.txt'), broad);
    const lines = (key: string): string[] => d.matches.filter((m) => m.key === key).map((m) => m.line);
    // Three script lines name MISMATCH (a comment and two echo commands); only the output counts.
    expect(lines('mismatch')).toEqual(['  MISMATCH: 3 sandboxes delivered junit but not .coverage']);
    expect(lines('coverageMismatch')).toEqual(['  MISMATCH: 3 sandboxes delivered junit but not .coverage']);
    // The fetch step's script names refs/notes; git's rejection and offload's WARN are output.
    expect(lines('notes')).toEqual([
      ' ! [rejected]        refs/notes/offload-images -> refs/notes/offload-images  (non-fast-forward)',
    ]);
    expect(lines('notesFetchFailed')).toEqual([
      ' ! [rejected]        refs/notes/offload-images -> refs/notes/offload-images  (non-fast-forward)',
      '2026-11-20T10:03:12.482913Z  WARN Failed to push notes: git push notes failed: remote: Permission to imbue-ai/mngr.git denied to github-actions[bot].',
    ]);
    // git's own 403 names no ref: its key counts for the notes only in a step naming them.
    expect(lines('gitRemoteFailed')).toEqual([
      "fatal: unable to access 'https://github.com/imbue-ai/mngr/': The requested URL returned error: 403",
    ]);
    expect(lines('cacheMiss')).toEqual(['[cache] Checkpoint miss: no cached image for 4f1c2a9e -- building base']);
    // `2>/dev/null` in the script is not an error line; nothing quoted keeps a colour code.
    expect(d.matches.some((m) => m.line.includes(ESC))).toBe(false);
    expect(d.matches.filter((m) => m.key === 'anyError').map((m) => m.line)).toEqual([
      "fatal: unable to access 'https://github.com/imbue-ai/mngr/': The requested URL returned error: 403",
    ]);
    expect(d.sections.map((s) => s.name)).toEqual([
      "Run git fetch origin 'refs/notes/*:refs/notes/*' || true",
      'Run git config user.email "dev@imbue.com"',
      'Run just test-offload',
      'Run set -u',
    ]);
  });

  it('backstage pages job: uses-inputs, echoed ::warning, git and docker progress, colour', () => {
    const d = digestLogText(2, real('backstage-pages-build.txt'), {
      ...broad,
      noise: { ...config.noise, minRepeats: 2 },
      logs: { ...broad.logs, patterns: { ...broad.logs.patterns, echoed: ['::warning', 'fetch-depth', 'INPUT_PATH'] } },
    });
    // `echo "::warning title=…"`, `fetch-depth: 1` and `INPUT_PATH: ./_site` are all in step groups.
    expect(d.matches.filter((m) => m.key === 'echoed')).toEqual([]);
    expect(d.matchCounts.warning ?? 0).toBe(0);
    // Progress meters and docker layer lines repeat with numbers changed: never noise. (git's
    // version check runs twice, in checkout and in its post step: a real repeat.)
    expect(d.repeated.map((r) => r.example)).toEqual(['[command]/usr/bin/git version', 'git version 2.38.1']);
    expect(d.sections.map((s) => s.name)).toEqual([
      'Set up job',
      'Run actions/checkout@v3',
      'Run actions/jekyll-build-pages@v1',
      'Run actions/upload-pages-artifact@v1',
      'Run chmod -c -R +rX . | while read line; do',
      'Run actions/upload-artifact@main',
      'Post job cleanup',
      'Complete job',
    ]);
  });

  it('reads jekyll output after its colour codes, and quotes it plain', () => {
    const d = digestLogText(3, real('backstage-pages-build.txt'), {
      ...config,
      logs: { ...config.logs, patterns: { cfg: ['^Configuration file: none$'] } },
    });
    expect(d.matches.map((m) => [m.line, m.section])).toEqual([
      ['Configuration file: none', 'Run actions/jekyll-build-pages@v1'],
    ]);
  });

  it('without the echo rule the same patterns would fire on script text (the trap is real)', () => {
    const echoed = real('seed-test-offload.txt')
      .split('\n')
      .filter((l) => l.includes(`${ESC}[36;1m`) && /MISMATCH/.test(l));
    expect(echoed).toHaveLength(3);
  });
});

describe("a user's own group titled Run", () => {
  it('holds output, not the runner echo: its lines are read', () => {
    const text = [
      '2026-11-20T10:00:00.0000000Z ##[group]Run make test',
      `2026-11-20T10:00:00.1000000Z ${ESC}[36;1mmake test${ESC}[0m`,
      '2026-11-20T10:00:00.2000000Z shell: /usr/bin/bash -e {0}',
      '2026-11-20T10:00:00.3000000Z ##[endgroup]',
      '2026-11-20T10:00:01.0000000Z ##[group]Run migrations',
      '2026-11-20T10:00:02.0000000Z FAILED tests/test_db.py::test_migrate - OperationalError',
      '2026-11-20T10:00:03.0000000Z ##[endgroup]',
    ].join('\n');
    const d = digestLogText(13, text, config);
    expect(d.matches.map((m) => m.line)).toEqual(['FAILED tests/test_db.py::test_migrate - OperationalError']);
  });
});

describe('an echo whose colour codes were lost (a log copied from the web view)', () => {
  it('is still the echo: its first line repeats the title', () => {
    const text = [
      '2025-06-20T16:26:59.8012277Z ##[group]Run echo "error: MISMATCH in refs/notes"',
      '2025-06-20T16:26:59.8013230Z echo "error: MISMATCH in refs/notes"',
      '2025-06-20T16:26:59.8120484Z shell: /usr/bin/bash -e {0}',
      '2025-06-20T16:26:59.8121290Z ##[endgroup]',
      '2025-06-20T16:26:59.8284364Z error: MISMATCH in refs/notes',
    ].join('\n');
    const d = digestLogText(14, text, { ...config, logs: { ...config.logs, patterns: { any: ['MISMATCH'] } } });
    expect(d.matches.map((m) => m.line)).toEqual(['error: MISMATCH in refs/notes']);
  });
});

describe('real job logs: GitHub step boundaries', () => {
  const rows = real('dixis-container-job.tsv')
    .trimEnd()
    .split('\n')
    .map((l) => l.split('\t'));

  it('books "Initialize containers" groups to their own step, as GitHub does', () => {
    const d = digestLogText(4, rows.map((r) => r[2]).join('\n'), config);
    expect(d.sections.map((s) => [s.name, s.lines])).toEqual(
      [...new Set(rows.map((r) => r[1]!))].map((step) => [step, rows.filter((r) => r[1] === step).length]),
    );
    // docker layer status is progress, runner bookkeeping is not output: no noise, no match.
    const noisy = digestLogText(4, rows.map((r) => r[2]).join('\n'), {
      ...config,
      noise: { ...config.noise, minRepeats: 2 },
    });
    expect(noisy.repeated).toEqual([]);
    expect(noisy.matches).toEqual([]);
  });

  it('opens "Stop containers" at the runner\'s stop lines and keeps post steps apart', () => {
    const text = [
      '2025-09-23T10:00:00.0000000Z ##[group]Run php artisan test',
      '2025-09-23T10:00:00.1000000Z php artisan test',
      '2025-09-23T10:00:00.2000000Z shell: /usr/bin/bash -e {0}',
      '2025-09-23T10:00:00.3000000Z ##[endgroup]',
      '2025-09-23T10:01:00.0000000Z   Tests:    12 passed (40 assertions)',
      '2025-09-23T10:01:01.0000000Z Post job cleanup.',
      '2025-09-23T10:01:01.1000000Z Cache saved with key: composer-abc',
      '2025-09-23T10:01:02.0000000Z Post job cleanup.',
      '2025-09-23T10:01:02.1000000Z [command]/usr/bin/git version',
      '2025-09-23T10:01:03.0000000Z Stop and remove container: 1740bd9e08774516b8daabbd92d9227a_postgres15_3e1bea',
      '2025-09-23T10:01:03.1000000Z ##[command]/usr/bin/docker rm --force 24d6d311b7f3',
      '2025-09-23T10:01:03.2000000Z Remove container network: github_network_44db3088de8c47d8a916ddbf96a51839',
      '2025-09-23T10:01:04.0000000Z Cleaning up orphan processes',
    ].join('\n');
    const d = digestLogText(5, text, config);
    expect(d.sections.map((s) => [s.name, s.lines])).toEqual([
      ['Run php artisan test', 5],
      ['Post job cleanup', 2],
      ['Post job cleanup', 2],
      ['Stop containers', 3],
      ['Complete job', 1],
    ]);
  });
});

describe('real tool output: colour codes, tracing-subscriber, docker compose', () => {
  it('matches and quotes offload WARN lines without their colour codes', () => {
    const line = `${ESC}[2m2026-11-20T10:03:12.482913Z${ESC}[0m ${ESC}[33m WARN${ESC}[0m Failed to fetch notes: git fetch notes failed: fatal: unable to access 'https://github.com/o/r/': Could not resolve host: github.com`;
    const d = digestLogText(6, `2026-11-20T10:03:12.4829130Z ${line}`, config);
    expect(d.matches.map((m) => [m.key, m.line])).toEqual([
      [
        'notesFetchFailed',
        "2026-11-20T10:03:12.482913Z  WARN Failed to fetch notes: git fetch notes failed: fatal: unable to access 'https://github.com/o/r/': Could not resolve host: github.com",
      ],
    ]);
  });

  it('reads a failure behind a docker compose prefix', () => {
    const d = digestLogText(
      7,
      // docker compose v2 colours the whole prefix `%-<width>s | ` (cmd/formatter/logs.go); v1 wrote `test_1  | `.
      `${ESC}[36mtest-1  | ${ESC}[0mFAILED tests/test_api.py::test_sync - KeyError: 'id'\ntest_1  | FAILED tests/test_api.py::test_b - ValueError`,
      config,
    );
    expect(d.matches.map((m) => m.line)).toEqual([
      "FAILED tests/test_api.py::test_sync - KeyError: 'id'",
      'FAILED tests/test_api.py::test_b - ValueError',
    ]);
  });

  it('never makes noise of progress meters however often they repeat', () => {
    const lines: string[] = [];
    for (let i = 1; i <= 100; i++) {
      lines.push(`Receiving objects:  ${i}% (${i * 91}/9100), ${i * 3}.00 MiB | 12.00 MiB/s`);
      lines.push(`remote: Compressing objects:  ${i}% (${i}/100)`);
      lines.push(`Resolving deltas:  ${i}% (${i * 4}/400)`);
      lines.push(`Received ${i * 1000} of 100000 (${i}.0%), 46.0 MBs/sec`);
      lines.push(`   ━━━━━━━━━━━━━━━━━━━━ ${i}.2/100.0 MB 45.6 MB/s eta 0:00:0${i % 10}`);
      lines.push(
        `#9 sha256:f65aa18165db91da3885baecdb9fd97003870a596214eae012cdad32939d951a ${i}.24MB / 46.26MB 0.${i}s`,
      );
    }
    expect(digestLogText(8, lines.join('\n'), config).repeated).toEqual([]);
  });
});

describe('cache lines that are not an image rebuild', () => {
  it("ignores offload's hits and deliberate --no-cache builds, and turborepo's task cache", () => {
    const text = [
      // offload v0.9.10 src/image_cache.rs
      '[cache] Latest-commit hit: using cached image from 4f1c2a9e',
      '[prepare] --no-cache with Checkpoint: building from 4f1c2a9e (no cache lookup)',
      '[prepare] No changes since checkpoint, reusing image',
      // vercel/turborepo turborepo-tests/integration/tests/run-logging/log-order-github.t
      'cache miss, executing 122cca10fdcda4f0',
      'cache bypass, force executing c1d33a8183d8cf0b',
    ].join('\n');
    expect(digestLogText(15, text, config).matchCounts.cacheMiss ?? 0).toBe(0);
    const rebuilt = [
      '[cache] Checkpoint thin diff failed, falling back to base build',
      '[cache] Thin diff failed, falling back to full build',
    ];
    expect(digestLogText(16, rebuilt.join('\n'), config).matchCounts.cacheMiss).toBe(2);
  });
});

describe('real test-runner lines', () => {
  it('reads pytest ids with spaces inside [...] (pytest docs shape)', () => {
    const d = digestLogText(
      9,
      [
        '0.30s call     test_some_are_slow.py::test_funcslow2',
        '12.50s call     tests/test_x.py::test_y[hello world-1]',
      ].join('\n'),
      config,
    );
    expect(d.testDurations).toEqual([
      { test: 'tests/test_x.py::test_y[hello world-1]', seconds: 12.5, runner: 'pytest' },
      { test: 'test_some_are_slow.py::test_funcslow2', seconds: 0.3, runner: 'pytest' },
    ]);
  });

  it('reads coloured jest verbose lines (green ✓, red ✕, dim title and time)', () => {
    const d = digestLogText(
      10,
      [
        `    ${ESC}[32m✓${ESC}[39m ${ESC}[2mrenders the list (1234 ms)${ESC}[22m`,
        `    ${ESC}[31m✕${ESC}[39m ${ESC}[2mfails slowly (2001 ms)${ESC}[22m`,
        `  ${ESC}[1m● ${ESC}[22mList › fails slowly`,
      ].join('\n'),
      config,
    );
    expect(d.testDurations).toEqual([
      { test: 'fails slowly', seconds: 2.001, runner: 'jest' },
      { test: 'renders the list', seconds: 1.234, runner: 'jest' },
    ]);
    expect(d.matches.filter((m) => m.key === 'testFailure').map((m) => m.line)).toEqual(['  ● List › fails slowly']);
  });

  it('reads Playwright list lines without the run ordinal, which changes between runs', () => {
    const run = (a: number, b: number): string =>
      [
        `  ✓  ${a} [chromium] › tests/checkout.spec.ts:12:5 › pays by card (5.1m)`,
        `  ✘  ${b} [firefox] › tests/login.spec.ts:3:11 › rejects a bad password (250ms)`,
        `  ✓  ${b + 1} [firefox] › tests/login.spec.ts:3:11 › rejects a bad password (retry #1) (1.2s)`,
        `  -  ${b + 2} [foo] › a.test.ts:9:16 › skipped`,
        `  1) [firefox] › tests/login.spec.ts:3:11 › rejects a bad password ──────────────────────`,
      ].join('\n');
    const first = digestLogText(11, run(1, 7), config);
    const second = digestLogText(12, run(12, 3), config);
    expect(first.testDurations).toEqual(second.testDurations);
    expect(first.testDurations).toEqual([
      { test: '[chromium] › tests/checkout.spec.ts:12:5 › pays by card', seconds: 306, runner: 'playwright' },
      { test: '[firefox] › tests/login.spec.ts:3:11 › rejects a bad password', seconds: 1.45, runner: 'playwright' },
    ]);
    expect(first.matches.filter((m) => m.key === 'testFailure').map((m) => m.line)).toEqual([
      '  1) [firefox] › tests/login.spec.ts:3:11 › rejects a bad password ──────────────────────',
    ]);
  });
});

describe('the matchers of a config, made once', () => {
  it('give every log of the same config the same digest, and follow a config changed in place', () => {
    const cfg = structuredClone(DEFAULT_CONFIG) as Config;
    const first = digestLogText(1, fixture, cfg);
    expect(digestLogText(1, fixture, cfg)).toEqual(first);
    // The trap: matchers kept from before the change would miss the new key and keep the ignored lines.
    const line = fixture.split('\n').find((l) => /\berror\b/i.test(l))!;
    const word = /\berror\b/i.exec(line)![0];
    cfg.logs.patterns = { ...cfg.logs.patterns, mine: [word] };
    const changed = digestLogText(1, fixture, cfg);
    expect(changed.matchCounts.mine).toBeGreaterThan(0);
    expect(first.matchCounts.mine).toBeUndefined();
    cfg.ignore.push(word);
    expect(digestLogText(1, fixture, cfg).matchCounts.mine).toBeUndefined();
  });
});
