/**
 * Every regex of the test-report parser runs on untrusted text (test ids, tracebacks of a
 * fork's PR): recheck (a ReDoS checker that searches for an attack string and measures it)
 * must find each one linear. A new super-linear pattern fails here, not on a runner.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { check } from 'recheck';
import ts from 'typescript';

const FILES = ['summary-table.ts', 'summary-failures.ts', 'summary-cells.ts'];

/** Every regex literal (and `new RegExp('…')` with literal arguments) of a source file. */
function regexesOf(file: string): { source: string; flags: string; line: number }[] {
  const text = readFileSync(join(import.meta.dirname, '..', 'src', 'parse', file), 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: { source: string; flags: string; line: number }[] = [];
  const visit = (node: ts.Node): void => {
    const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const lit = node.getText(sf);
      const end = lit.lastIndexOf('/');
      out.push({ source: lit.slice(1, end), flags: lit.slice(end + 1), line });
    } else if (ts.isNewExpression(node) && node.expression.getText(sf) === 'RegExp') {
      const [src, flags] = node.arguments ?? [];
      if (!src || !ts.isStringLiteralLike(src)) throw new Error(`${file}:${line}: a RegExp built at run time`);
      out.push({ source: src.text, flags: flags && ts.isStringLiteralLike(flags) ? flags.text : '', line });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

describe('summary parser regexes', () => {
  const all = FILES.flatMap((f) => regexesOf(f).map((r) => ({ file: f, ...r })));

  it('finds the patterns it is to check', () => {
    expect(all.length).toBeGreaterThan(20);
    expect(all.some((r) => r.source.includes('flaked'))).toBe(true);
  });

  it.each(FILES)('every regex of src/parse/%s is linear according to recheck', async (file) => {
    const unsafe: string[] = [];
    for (const r of all.filter((x) => x.file === file)) {
      const d = await check(r.source, r.flags, { timeout: 20_000 });
      if (d.status !== 'safe') unsafe.push(`${file}:${r.line} /${r.source}/${r.flags}: ${d.status}`);
    }
    expect(unsafe).toEqual([]);
  });

  it('flags the patterns this parser used to have (the checker is not a rubber stamp)', async () => {
    const heading = await check('^\\s{0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$', '');
    const link = await check('\\[([^\\]]*)\\]\\([^)]*\\)', 'g');
    expect([heading.status, link.status]).toEqual(['vulnerable', 'vulnerable']);
  });
});
