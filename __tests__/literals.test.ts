/**
 * The literal pre-screen (src/parse/literals.ts) never hides a match from RE2: every line a
 * pattern matches passes it. Checked on the built-in patterns with lines made to match them,
 * on real job logs, and on patterns written to trip a parse (optional characters, groups,
 * classes, case folding onto ASCII).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { runs } from '../test/fast-check.js';
import { DEFAULT_CONFIG } from '../src/config.js';
import { literalScreen, patternNeeds } from '../src/parse/literals.js';
import { compileKeyed, compilePatterns } from '../src/parse/patterns.js';

const defaults = Object.values(DEFAULT_CONFIG.logs.patterns).flat();

/** Each letter in either case, as RE2's case-insensitive match allows. */
/** Lines made to match `p` (fast-check's generator knows no `\\b`: RE2 judges the result). */
const matching = (p: string) => fc.stringMatching(new RegExp(p.replace(/\\b/g, '')));

const anyCase = (s: string) =>
  fc
    .array(fc.boolean(), { minLength: s.length, maxLength: s.length })
    .map((up) => [...s].map((c, i) => (up[i] ? c.toUpperCase() : c.toLowerCase())).join(''));

describe('literalScreen', () => {
  it('screens with every built-in pattern (none needs nothing)', () => {
    for (const p of defaults) expect([p, patternNeeds(p)]).not.toEqual([p, null]);
    expect(literalScreen(defaults)).not.toBeNull();
  });

  it('passes every line a built-in pattern matches, in any case', () => {
    let hits = 0;
    for (const p of defaults) {
      const re2 = compilePatterns([p])!;
      const screen = literalScreen([p])!;
      const all = literalScreen(defaults)!;
      const line = matching(p).chain(anyCase);
      fc.assert(
        fc.property(line, (l) => !re2.test(l) || (hits++, screen(l) && all(l))),
        runs(40),
      );
    }
    // Not vacuous: most made lines are matches on RE2 too.
    expect(hits).toBeGreaterThan(defaults.length * 20);
  });

  it('passes every line of real job logs that a built-in pattern matches, and stops most others', () => {
    const text = ['backstage-pages-build.txt', 'seed-test-offload.txt']
      .map((f) => readFileSync(new URL(`./fixtures/logs/${f}`, import.meta.url), 'utf8'))
      .join('\n');
    const lines = text.split('\n').map((l) => l.replace(/^\S+Z /, ''));
    const re2 = compilePatterns(defaults)!;
    const screen = literalScreen(defaults)!;
    const matched = lines.filter((l) => re2.test(l));
    expect(matched.length).toBeGreaterThan(3);
    for (const l of matched) expect([l, screen(l)]).toEqual([l, true]);
    expect(lines.filter(screen).length).toBeLessThan(lines.length / 2);
  });

  it.each([
    ['colou?r', ['color', 'COLOR', 'colour']],
    ['ab*c', ['ac', 'abbbc']],
    ['x{0,2}yz', ['yz', 'xxyz']],
    ['go+d', ['god', 'goooD']],
    ['(?:foo|bar)+ baz', ['foo baz', 'barfoo baz']],
    ['(?:foo|)bar', ['bar']],
    ['^(?:npm|yarn) cache', ['Yarn cache']],
    ['^ab?c', ['ac']],
    ['a(?:bc)?d', ['ad']],
    ['[]x]yz', [']yz']],
    ['[^]]ok', ['.ok']],
    ['\\bword\\b', ['a word.']],
    ['(?<n>abc)d', ['ABCD']],
    ['🚨?x', ['x']],
    ['a\\.b', ['A.B']],
    ['one|two', ['TWO']],
    ['^#\\d+ x', ['#12 x']],
  ])('passes what RE2 matches for %s', (pattern, lines) => {
    const re2 = compilePatterns([pattern])!;
    const screen = literalScreen([pattern]);
    for (const l of lines) {
      expect([l, re2.test(l)]).toEqual([l, true]);
      if (screen) expect([l, screen(l)]).toEqual([l, true]);
    }
  });

  it('lets RE2 judge what folds onto ASCII: KELVIN SIGN and LONG S match k and s', () => {
    const cases: [string, string][] = [
      ['\u212aelvin', 'Kelvin'],
      ['kelvin', '\u212aelvin'],
      ['\u017fure', 'sure'],
      ['sure', '\u017fure'],
    ];
    for (const [pattern, line] of cases) {
      expect(compilePatterns([pattern])!.test(line)).toBe(true);
      const screen = literalScreen([pattern]);
      if (screen) expect(screen(line)).toBe(true);
    }
  });

  it('screens nothing for a pattern it cannot read, or one that needs no text', () => {
    for (const p of ['\\u00e9', '\\x41', '\\p{L}', 'a|', '.*', '\\d+', '(?:a|b)?', '[a-z]+', 'a(?=b)', '(unclosed'])
      expect([p, literalScreen(['fine words', p])]).toEqual([p, null]);
  });

  it('stops an ASCII line that holds nothing a pattern needs (the trap: passing everything)', () => {
    const screen = literalScreen(defaults)!;
    for (const l of [
      '[gw1] [ 42%] PASSED tests/api/test_audit.py::test_validates_token',
      'Syncing repository: widgets',
      'Received 48234496 of 48234496 (100.0%), 46.0 MBs/sec',
    ])
      expect([l, screen(l)]).toEqual([l, false]);
    // Lines with other characters are RE2's to judge.
    expect(screen('テスト PASSED')).toBe(true);
  });

  it('leaves compileKeyed naming exactly the keys each key alone matches', () => {
    const keyed = compileKeyed(DEFAULT_CONFIG.logs.patterns);
    const alone = Object.entries(DEFAULT_CONFIG.logs.patterns).map(([k, s]) => [k, compilePatterns(s)!] as const);
    const line = fc.oneof(fc.constantFrom(...defaults).chain(matching), fc.string({ maxLength: 60 }));
    fc.assert(
      fc.property(line, (l) => {
        expect(keyed.matching(l)).toEqual(alone.filter(([, m]) => m.test(l)).map(([k]) => k));
      }),
      runs(300),
    );
  });
});
