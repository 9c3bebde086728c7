/**
 * Patterns on untrusted text run on RE2 (linear time): the module, the rules-file check,
 * the built-in defaults, and adversarial lines that cost seconds on a backtracking engine.
 */
import fc from 'fast-check';
import { runs } from '../test/fast-check.js';
import { ConfigError, DEFAULT_CONFIG, parseConfig } from '../src/config.js';
import { digestLogText } from '../src/parse/log-digest.js';
import { compileKeyed, compilePatterns, patternProblem } from '../src/parse/patterns.js';

describe('compilePatterns', () => {
  it('matches case-insensitively, any of the sources', () => {
    const m = compilePatterns(['cache miss', '^##\\[error\\]'])!;
    expect(m.test('Cache MISS for key x')).toBe(true);
    expect(m.test('##[error]boom')).toBe(true);
    expect(m.test('x ##[error]boom')).toBe(false);
    expect(compilePatterns([])).toBeNull();
  });

  it.each([
    ['(a)\\1', /backreference/],
    ['foo(?=bar)', /lookahead or lookbehind/],
    ['(?<!x)y', /lookahead or lookbehind/],
    ['a{2000}', /not a valid RE2/],
    ['(unclosed', /not a valid regular expression/],
  ])('refuses %s, saying why', (source, why) => {
    expect(patternProblem(source)).toMatch(why);
    expect(() => compilePatterns(['ok', source])).toThrow(JSON.stringify(source));
  });

  it('accepts the JavaScript escapes a rules file uses', () => {
    for (const s of ['a\\-b', 'a\\/b', '\\d+\\.\\d+', '[\\w.-]+@\\S+', '\\bMISMATCH\\b', '\\u00e9']) {
      expect(patternProblem(s)).toBeNull();
    }
  });

  it('compiles every built-in pattern on RE2 (a new default that cannot run there fails here)', () => {
    const lists = [
      DEFAULT_CONFIG.ignore,
      DEFAULT_CONFIG.warnings.ignore,
      DEFAULT_CONFIG.slow.setupSteps,
      ...Object.values(DEFAULT_CONFIG.logs.patterns),
    ];
    for (const list of lists) for (const s of list) expect([s, patternProblem(s)]).toEqual([s, null]);
  });

  it('agrees with JavaScript on plain patterns over random lines (differential)', () => {
    const word = fc.stringMatching(/^[a-z0-9 :/_-]{1,6}$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 4 }), fc.string({ maxLength: 200 }), (words, line) => {
        const sources = words.map((w) => w.replace(/[-/]/g, '\\$&'));
        const text = `${line}${words[0]}`.toUpperCase();
        const js = new RegExp(sources.map((s) => `(?:${s})`).join('|'), 'i');
        expect(compilePatterns(sources)!.test(text)).toBe(js.test(text));
        expect(compilePatterns(sources)!.test(line)).toBe(js.test(line));
      }),
      runs(300),
    );
  });
});

describe('compileKeyed', () => {
  const keyed = compileKeyed(DEFAULT_CONFIG.logs.patterns);

  it('names exactly the keys whose patterns match, like testing each key alone', () => {
    const alone = Object.entries(DEFAULT_CONFIG.logs.patterns).map(([k, s]) => [k, compilePatterns(s)!] as const);
    const lines = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.constantFrom(
        '##[error]Process completed with exit code 1.',
        "fatal: couldn't find remote ref refs/notes/ci",
        'error: failed to push some refs to refs/notes/commits',
        'FAILED tests/test_x.py::test_y - AssertionError',
        '--- FAIL: TestThing (0.01s)',
        'Coverage MISMATCH in module',
      ),
    );
    fc.assert(
      fc.property(lines, lines, (a, b) => {
        const text = `${a} ${b}`;
        expect(keyed.matching(text)).toEqual(alone.filter(([, m]) => m.test(text)).map(([k]) => k));
      }),
      runs(500),
    );
  });

  it('leaves out a key that does not compile and reports it', () => {
    const bad: string[] = [];
    const m = compileKeyed({ good: ['boom'], bad: ['(x)\\1'] }, (k) => bad.push(k));
    expect(bad).toEqual(['bad']);
    expect(m.keys).toEqual(['good']);
    expect(m.matching('BOOM')).toEqual(['good']);
  });
});

describe('the rules file', () => {
  it('rejects a pattern RE2 cannot run, naming the key', () => {
    const yml = 'logs:\n  patterns:\n    mine:\n      - "(\\\\w+) \\\\1"\n';
    expect(() => parseConfig(yml)).toThrow(ConfigError);
    expect(() => parseConfig(yml)).toThrow(/logs\.patterns\.mine: .*backreference/);
    expect(() => parseConfig('ignore: ["foo(?!bar)"]')).toThrow(/ignore: .*lookahead/);
    expect(() => parseConfig('slow:\n  setupSteps: ["(?<=x)y"]')).toThrow(/slow\.setupSteps: /);
  });

  it('keeps a user pattern that is catastrophic on a backtracking engine, and runs it in linear time', () => {
    // `(a+)+$` takes exponential time in JavaScript on "aaaa…!"; RE2 answers at once.
    const cfg = parseConfig('logs:\n  patterns:\n    evil: ["(a+)+$", "(x|x)*y"]\n');
    const line = `${'a'.repeat(4000)}!`;
    const d = digestLogText(1, `${line}\n${'x'.repeat(4000)}\nthen aaa\n`, cfg);
    expect(d.matchCounts.evil).toBe(1);
  });
});

describe('adversarial log lines through the default patterns', () => {
  it('digests the notesFetchFailed worst case (45 ms a line before) and still finds the real one', () => {
    const attack = `refs/notes/${' '.repeat(4080)}`;
    // The real line: git's rejection of a notes push (see fixtures/logs/SOURCES.md).
    const real = ' ! [rejected]        refs/notes/offload-images -> refs/notes/offload-images  (non-fast-forward)';
    const text = [...Array.from({ length: 2000 }, () => attack), real].join('\n');
    const d = digestLogText(1, text, DEFAULT_CONFIG);
    expect(d.matchCounts.notesFetchFailed).toBe(1);
    expect(d.lines).toBe(2001);
  });
});
