import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { DEFAULT_CONFIG, type Config } from '../src/config.js';
import { createLogDigester, digestLogText, normalizeLogLine } from '../src/parse/log-digest.js';

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
    expect(full.map((m) => m.section)).toEqual(['Run actions/checkout@v4', 'Run actions/checkout@v4']);
    expect(full[0]!.line).toBe('  fetch-depth: 0');
    expect(d.matchCounts.cacheMiss).toBe(1);
    expect(d.matches.find((m) => m.key === 'cacheMiss')!.line).toMatch(/^cache miss for base image/);
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

  it('never counts ignored lines', () => {
    const text = Array.from({ length: 40 }, () => 'building from mngr default Dockerfile').join('\n');
    expect(digestLogText(1, text, config).repeated).toEqual([]);
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
      { numRuns: 300 },
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

describe('git ref listings', () => {
  it('are not noise, however long', () => {
    const text = Array.from({ length: 60 }, () => ' * [new tag]         v1.2.3     -> v1.2.3').join('\n');
    expect(digestLogText(1, text, config).repeated).toEqual([]);
  });
});
