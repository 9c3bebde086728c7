/**
 * The linear scans of summary-cells.ts read what the super-linear regexes they replace read:
 * compared on short random text (where the old patterns are still fast), and run once on
 * the hostile lines that made the old ones hang.
 */
import fc from 'fast-check';
import { runs } from '../test/fast-check.js';
import {
  afterDash,
  beforeAside,
  heading,
  isExceptionLine,
  stripLinks,
  unescapePython,
} from '../src/parse/summary-cells.js';
import { htmlEscape } from '../test/world/junit-summary.js';

/** The patterns as they were (small inputs only). */
const OLD = {
  heading: /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/,
  link: /\[([^\]]*)\]\([^)]*\)/g,
  exception:
    /^(?:E\s+)?(?:[\w.]+\.)?[A-Z]\w*(?:Error|Exception|Failure|Failed|Exit|Interrupt|Timeout|Warning)\b(?::|$)/,
  aside: /\s+(?:\(|—|–|-\s)/,
  message: /\s[—–-]\s*(?:failure|error|failed)?:?\s*(.+)$/i,
};

const text = (alphabet: string[], maxLength = 24): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...alphabet), { maxLength }).map((a) => a.join(''));

describe('linear scans agree with the regexes they replace', () => {
  it('headings', () => {
    fc.assert(
      fc.property(text(['#', ' ', '\t', 'a', 'b', '#']), (line) => {
        const m = OLD.heading.exec(line);
        const h = heading(line);
        // The old pattern needed a space after the hashes; a bare `#` line is an empty heading.
        // CommonMark keeps `#` glued to the text (`# a#` is "a#"); the old pattern dropped it.
        const bare = (t: string | undefined): string | undefined => t?.replace(/#+$/, '').trimEnd();
        if (m) expect([h?.level, bare(h?.text)]).toEqual([m[1]!.length, bare(m[2])]);
        else if (h) expect(h.text).toBe('');
      }),
      runs(3000),
    );
  });

  it('links', () => {
    fc.assert(
      fc.property(text(['[', ']', '(', ')', 'a', ' ']), (s) => {
        expect(stripLinks(s)).toBe(s.replace(OLD.link, '$1'));
      }),
      runs(3000),
    );
  });

  it('exception lines', () => {
    const parts = ['E', ' ', 'Error', 'Exception', 'Value', 'a', '.', ':', 'x', 'Timeout', '_', 'Z', '1'];
    fc.assert(
      fc.property(text(parts, 10), (s) => {
        expect(isExceptionLine(s)).toBe(OLD.exception.test(s));
      }),
      runs(5000),
    );
  });

  it('the name before an aside, and the message after a dash', () => {
    fc.assert(
      fc.property(text([' ', '(', '—', '–', '-', 'a', ':', 'failure', 'error', 'x']), (s) => {
        expect(beforeAside(s)).toBe(s.split(OLD.aside)[0]);
        const m = OLD.message.exec(s);
        const got = afterDash(s);
        // By backtracking the old pattern took a bare kind word or `:` as the message; the scan
        // says "no message" there. Everywhere else they agree.
        const old = m ? m[1]! : null;
        if (got === null) expect(old === null || /^(?:failure|error|failed)?\s*:?\s*$/i.test(old)).toBe(true);
        else expect(got).toBe(old);
      }),
      runs(3000),
    );
  });

  it("undoes Python's html.escape exactly once", () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(unescapePython(htmlEscape(s))).toBe(s);
      }),
    );
    expect(unescapePython('&amp;lt;')).toBe('&lt;');
  });
});

describe('the lines that hung the old patterns', () => {
  it('reads them (the regex-safety test is the proof of linear time; this is their result)', () => {
    const spaces = ' '.repeat(65_000);
    expect(heading(`# x${spaces}y`)).toEqual({ level: 1, text: `x${spaces}y` });
    expect(stripLinks('['.repeat(50_000))).toBe('['.repeat(50_000));
    expect(isExceptionLine(`E ${'a.'.repeat(30_000)}`)).toBe(false);
    expect(beforeAside(`a${spaces}b`)).toBe(`a${spaces}b`);
    expect(afterDash(`a${spaces}`)).toBeNull();
  });
});
