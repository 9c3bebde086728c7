/**
 * Every regex literal in src/ that reads untrusted text must run in linear time, proven by
 * recheck (a ReDoS checker: automaton analysis, fuzzing where that cannot decide). Patterns
 * a backtracking engine cannot run safely are rewritten, or run on RE2 through
 * `linearRegExp` (src/parse/patterns.ts), which this scan does not need to see.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { check } from 'recheck';
import ts from 'typescript';

const SRC = path.join(process.cwd(), 'src');

interface Literal {
  where: string;
  source: string;
  flags: string;
}

function literals(): Literal[] {
  const out: Literal[] = [];
  const files = readdirSync(SRC, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts'));
  for (const rel of files) {
    const file = path.join(SRC, rel);
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2023, true);
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText(sf);
        const end = text.lastIndexOf('/');
        const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
        out.push({ where: `src/${rel}:${line}`, source: text.slice(1, end), flags: text.slice(end + 1) });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return out;
}

describe('ReDoS check of the regex literals in src/', () => {
  const all = literals();

  it('finds the literals (the scan itself works)', () => {
    expect(all.length).toBeGreaterThan(100);
    expect(all.some((l) => l.where.startsWith('src/parse/log-digest.ts'))).toBe(true);
  });

  it('finds none vulnerable (recheck)', async () => {
    const bad: string[] = [];
    for (const l of all) {
      const r = await check(l.source, l.flags, { timeout: 20_000 });
      if (r.status === 'vulnerable') bad.push(`${l.where} /${l.source}/${l.flags}: ${r.complexity.summary}`);
      else if (r.status === 'unknown') bad.push(`${l.where} /${l.source}/${l.flags}: recheck could not decide`);
    }
    expect(bad).toEqual([]);
  }, 300_000);

  it('would catch the patterns of issue 16 (the check is not blind)', async () => {
    const notes = 'refs/notes/\\S*.*(permission denied|denied|403|error|fatal|failed)';
    expect((await check(notes, 'i')).status).toBe('vulnerable');
    expect((await check('^\\s*[*+\\-=!t ]?\\s*\\[(?:new branch)\\]', '')).status).toBe('vulnerable');
    expect((await check('^\\s*(?:[*+\\-=!t]\\s*)?\\[(?:new branch)\\]', '')).status).toBe('safe');
  });
});
