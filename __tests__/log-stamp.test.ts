import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { runs } from '../test/fast-check.js';
import { DEFAULT_CONFIG } from '../src/config.js';
import { digestLogText } from '../src/parse/log-digest.js';
import { fastIsoOfStamp, isoOfStamp } from '../src/parse/log-stamp.js';

/** Real raw job logs (sources: fixtures/logs/SOURCES.md): every line starts with the runner's stamp. */
const REAL = ['backstage-pages-build.txt', 'seed-test-offload.txt'].map((f) =>
  readFileSync(new URL(`./fixtures/logs/${f}`, import.meta.url), 'utf8'),
);
const STAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z)/;
const realStamps = REAL.flatMap((t) => t.split('\n').flatMap((l) => STAMP.exec(l)?.[1] ?? []));

describe('fastIsoOfStamp gives what Date.parse and toISOString give', () => {
  it('on every stamp of real job logs', () => {
    expect(realStamps.length).toBeGreaterThan(200);
    expect(realStamps[0]).toMatch(/\.\d{7}Z$/);
    for (const s of realStamps) expect(fastIsoOfStamp(s)).toBe(isoOfStamp(s));
    expect(fastIsoOfStamp('2024-05-01T12:34:56.1234567Z')).toBe('2024-05-01T12:34:56.123Z');
  });

  it('on short, long and missing fractions (truncated, never rounded)', () => {
    for (const s of [
      '2024-05-01T12:34:56Z',
      '2024-05-01T12:34:56.1Z',
      '2024-05-01T12:34:56.12Z',
      '2024-05-01T12:34:56.999Z',
      '2024-05-01T23:59:59.9999999Z',
      `2024-05-01T12:34:56.${'9'.repeat(400)}Z`,
      // V8 reads ten digits or more with leading zeros its own way (.002 here): kept as it reads them.
      '2024-05-01T12:34:56.0002000000Z',
      '2024-05-01T12:34:56.123456789Z',
    ])
      expect(fastIsoOfStamp(s)).toBe(isoOfStamp(s));
    expect(fastIsoOfStamp('2024-05-01T23:59:59.9999999Z')).toBe('2024-05-01T23:59:59.999Z');
  });

  it('on stamps Date.parse moves or refuses, and on what is no stamp at all', () => {
    const odd = [
      '2024-02-29T00:00:00.5Z', // a leap day
      '2023-02-29T00:00:00.5Z', // none that year: Date.parse moves it to March 1st
      '2100-02-29T00:00:00Z',
      '2000-02-29T00:00:00Z',
      '2024-04-31T10:00:00Z',
      '2024-05-01T24:00:00Z', // the next day's midnight
      '2024-05-01T24:00:00.5Z', // refused
      '2024-05-01T23:60:00Z',
      '2024-05-01T23:59:60Z', // no leap seconds
      '2024-13-01T00:00:00Z',
      '2024-00-10T00:00:00Z',
      '2024-05-00T00:00:00Z',
      '0000-01-01T00:00:00.1234567Z',
      '2024-05-01T12:34:56.Z',
      '2024-05-01T12:34:56.12a4Z',
      '2024-05-01T12:34:56',
      '2024-05-01 12:34:56.1234567Z',
      '2024-05-01T12:34:56+00:00',
      '2024-5-01T12:34:56.1234567Z',
      '２０２４-05-01T12:34:56Z',
      '',
      'Z',
      'Run actions/checkout@v4',
    ];
    for (const s of odd) expect([s, fastIsoOfStamp(s)]).toEqual([s, isoOfStamp(s)]);
    expect(fastIsoOfStamp('2024-05-01T24:00:00Z')).toBe('2024-05-02T00:00:00.000Z');
    expect(fastIsoOfStamp('2024-05-01T23:59:60Z')).toBeNull();
  });

  it('on any stamp-shaped string, fields in range or not', () => {
    const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
    const stamp = fc
      .tuple(
        fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0')),
        two(19),
        two(39),
        two(29),
        two(69),
        two(69),
        fc.option(fc.stringMatching(/^\d{0,12}$/), { nil: undefined }),
      )
      .map(([y, mo, d, h, mi, s, f]) => `${y}-${mo}-${d}T${h}:${mi}:${s}${f === undefined ? '' : `.${f}`}Z`);
    fc.assert(
      fc.property(stamp, (s) => fastIsoOfStamp(s) === isoOfStamp(s)),
      runs(2000),
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => fastIsoOfStamp(s) === isoOfStamp(s)),
      runs(500),
    );
  });
});

describe('the digest reads times through it', () => {
  it('keeps the stamps of a real log, and no time for lines without one', () => {
    const d = digestLogText(1, REAL[1]!, structuredClone(DEFAULT_CONFIG));
    const stamps = REAL[1]!.split('\n').flatMap((l) => STAMP.exec(l)?.[1] ?? []);
    expect(d.firstAt).toBe(isoOfStamp(stamps[0]!));
    expect(d.lastAt).toBe(isoOfStamp(stamps.at(-1)!));
    const bare = digestLogText(2, 'Run make test\n##[error]Process completed with exit code 1.\n', DEFAULT_CONFIG);
    expect(bare.firstAt).toBeNull();
    expect(bare.lastAt).toBeNull();
    expect(bare.matches.map((m) => m.at)).toEqual([null]);
    // A stamp Date.parse refuses sets no time; the next good one does.
    const mixed = digestLogText(3, '2024-05-01T23:59:60.1Z x\n2024-05-01T23:59:59.1234567Z y\n', DEFAULT_CONFIG);
    expect([mixed.firstAt, mixed.lastAt]).toEqual(['2024-05-01T23:59:59.123Z', '2024-05-01T23:59:59.123Z']);
  });
});
