import fc from 'fast-check';
import { runs } from '../test/fast-check.js';
import { parseTestReportUnguarded as parse } from '../src/parse/summary-table.js';
import { summary } from '../test/factory.js';

const REAL = [summary('acceptance-neutral.md'), summary('unit-failure.md')];

/** Markdown-ish fragments, so random text often looks like tables, headings and fences. */
const token = fc.constantFrom(
  '|',
  '\\|',
  '| Test | Runs | Final | @flaky |',
  '|---|---:|---|:-:|',
  '## Failures',
  '### ',
  '```',
  '<details><summary>',
  '</summary>',
  '<code>',
  '</code>',
  '&mdash;',
  '&#x27;',
  '&#99999999;',
  'flaked 2, passed 1',
  'passed',
  'failed',
  'E   AssertionError: x',
  '\n',
  '\r\n',
  '\r',
  ' ',
  'yes',
  '@flaky',
  '#',
);
const markdownish = fc
  .array(fc.oneof(token, fc.string({ maxLength: 8 }), fc.string({ unit: 'grapheme', maxLength: 4 })), {
    maxLength: 60,
  })
  .map((parts) => parts.join(''));

function checkShape(r: ReturnType<typeof parse>): void {
  if (r === null) return;
  expect(Array.isArray(r.rows)).toBe(true);
  for (const row of r.rows) {
    expect(row.test.length).toBeGreaterThan(0);
    for (const n of [row.flaked, row.passed, row.failed]) expect(Number.isInteger(n) && n >= 0).toBe(true);
    expect(row.runs === null || (Number.isInteger(row.runs) && row.runs >= 0)).toBe(true);
  }
  for (const [k, v] of Object.entries(r.failures)) {
    expect(k.length).toBeGreaterThan(0);
    expect(typeof v).toBe('string');
  }
}

type Mutation = {
  kind: 'delete' | 'insert' | 'dupLine' | 'dropLine' | 'escapePipes';
  at: number;
  len: number;
  text: string;
};

function mutate(text: string, ms: Mutation[]): string {
  let t = text;
  for (const m of ms) {
    const pos = t.length === 0 ? 0 : m.at % t.length;
    const lines = t.split('\n');
    const li = lines.length === 0 ? 0 : m.at % lines.length;
    if (m.kind === 'delete') t = t.slice(0, pos) + t.slice(pos + m.len);
    else if (m.kind === 'insert') t = t.slice(0, pos) + m.text + t.slice(pos);
    else if (m.kind === 'dupLine') t = [...lines.slice(0, li + 1), ...lines.slice(li)].join('\n');
    else if (m.kind === 'dropLine') t = [...lines.slice(0, li), ...lines.slice(li + 1)].join('\n');
    else t = t.replace(/\|/g, (p, off: number) => (off % 3 === m.len % 3 ? '\\|' : p));
  }
  return t;
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('delete', 'insert', 'dupLine', 'dropLine', 'escapePipes'),
  at: fc.nat(),
  len: fc.integer({ min: 1, max: 200 }),
  text: fc.oneof(token, fc.string({ maxLength: 20 })),
});

describe('parseTestReport properties', () => {
  it('never throws on random markdown-ish text, and what it returns is well formed', () => {
    fc.assert(
      fc.property(markdownish, (text) => {
        checkShape(parse(text));
      }),
      runs(1500),
    );
  });

  it('never throws on mutated real summaries', () => {
    fc.assert(
      fc.property(fc.constantFrom(...REAL), fc.array(mutation, { minLength: 1, maxLength: 6 }), (text, ms) => {
        checkShape(parse(mutate(text, ms)));
      }),
      runs(1500),
    );
  });

  it('reads back any generated table, whatever the column order', () => {
    const name = fc.stringMatching(/^[a-z][a-z0-9_/.:[\]-]{0,40}$/);
    const row = fc.record({
      test: name,
      runs: fc.integer({ min: 1, max: 5000 }),
      flaked: fc.nat({ max: 20 }),
      passed: fc.integer({ min: 1, max: 20 }),
      marked: fc.boolean(),
    });
    const order = fc.shuffledSubarray(['test', 'runs', 'final', 'flaky'] as const, { minLength: 4, maxLength: 4 });
    fc.assert(
      fc.property(
        fc.uniqueArray(row, { selector: (r) => r.test, maxLength: 12 }),
        order,
        fc.boolean(),
        (rows, cols, crlf) => {
          const head = { test: 'Test', runs: 'Runs', final: 'Final', flaky: '`@flaky`' };
          const cell = (r: (typeof rows)[number], c: (typeof cols)[number]): string =>
            c === 'test'
              ? `\`${r.test}\``
              : c === 'runs'
                ? String(r.runs)
                : c === 'final'
                  ? r.flaked > 0
                    ? `flaked ${r.flaked}, passed ${r.passed}`
                    : 'passed'
                  : r.marked
                    ? 'yes'
                    : 'no';
          const lines = [
            '## Tests',
            '',
            `| ${cols.map((c) => head[c]).join(' | ')} |`,
            `| ${cols.map(() => '---').join(' | ')} |`,
            ...rows.map((r) => `| ${cols.map((c) => cell(r, c)).join(' | ')} |`),
          ];
          const got = parse(lines.join(crlf ? '\r\n' : '\n'));
          expect(got).not.toBeNull();
          expect(got!.rows.map((r) => [r.test, r.runs, r.flaked, r.flaked > 0 ? r.passed : 1, r.markedFlaky])).toEqual(
            rows.map((r) => [r.test, r.runs, r.flaked, r.flaked > 0 ? r.passed : 1, r.marked]),
          );
        },
      ),
      runs(500),
    );
  });
});
