/**
 * Parser of flaky-aware test reports in a check run's summary:
 * a `| Test | Runs | Final | @flaky |` table (found by its header anywhere in the text)
 * and a `## Failures` section with a traceback per test. Never throws.
 *
 * The seed repository's generator (imbue-ai/mngr `scripts/junit_test_summary.py`) writes the
 * id raw in a code span with no pipe escaping, so its rows are read from the right (the last
 * three cells have fixed shapes) and an id keeps its `|`, `<…>` and backticks. Tests whose row
 * was cut to fit the 65,535-character summary are rebuilt from their `## Failures` blocks.
 * Every pattern is linear (see summary-cells.ts).
 */
import { cleanCell, splitRow } from './summary-cells.js';
import { parseFailures, type BlockInfo } from './summary-failures.js';

export { cleanCell, splitRow } from './summary-cells.js';
export { errorLine } from './summary-failures.js';

export interface TestReportRow {
  test: string;
  runs: number | null;
  /** "flaked 2, passed 1" | "passed" | "failed" | … as written */
  final: string;
  flaked: number;
  passed: number;
  failed: number;
  /** Marked @flaky in the table */
  markedFlaky: boolean;
  /**
   * Rebuilt from `## Failures` (the table row was cut): runs is the M of "attempt N/M";
   * when some attempts have no block, `flaked` counts the failed ones and nothing is claimed
   * about the others (passed, skipped, or their blocks cut too).
   */
  fromFailures?: true;
}

export interface TestReport {
  rows: TestReportRow[];
  /** test -> first line(s) of its failure reason from `## Failures` */
  failures: Record<string, string>;
}

/** Input larger than a check-run summary can be (65,535) is cut: the parser stays linear and bounded. */
const MAX_INPUT = 200_000;

export function parseTestReport(summary: string | null | undefined): TestReport | null {
  try {
    return parseTestReportUnguarded(summary);
  } catch {
    // A parser bug must never break an audit: no report is the safe answer.
    return null;
  }
}

/** The parser without its safety net: property tests call it so a bug cannot hide behind the catch. */
export function parseTestReportUnguarded(summary: string | null | undefined): TestReport | null {
  if (typeof summary !== 'string' || summary.trim() === '') return null;
  const text = summary.slice(0, MAX_INPUT);
  const lines = (text.startsWith('\uFEFF') ? text.slice(1) : text).split(/\r\n|\r|\n/);
  const section = parseFailures(lines);
  const rows = parseTables(lines, section.inBlock);
  const seen = new Set((rows ?? []).map((r) => r.test));
  const cut = [...section.blocks].filter(([name]) => !seen.has(name)).map(([name, b]) => rowFromBlocks(name, b));
  if (rows === null && cut.length === 0 && Object.keys(section.failures).length === 0) return null;
  return { rows: [...(rows ?? []), ...cut], failures: section.failures };
}

/** What the blocks of a test whose row was cut prove: every attempt failed, or some did. */
function rowFromBlocks(test: string, b: BlockInfo): TestReportRow {
  const k = b.attempts.size;
  const base = { test, runs: b.total, markedFlaky: false, fromFailures: true as const };
  if (k >= b.total) {
    const final = b.kinds.has('failure') ? 'failed' : 'error';
    return { ...base, final, flaked: 0, passed: 0, failed: k };
  }
  return { ...base, final: `failed in ${k} of ${b.total} attempts (table row cut)`, flaked: k, passed: 0, failed: 0 };
}

/** A row passed in the end: it did not finally fail (a `flaked N, passed M` row is a flake). */
export function finallyPassed(row: TestReportRow): boolean {
  return row.passed > 0 && row.failed === 0;
}

/**
 * The failure reason of a test, tolerating headings that name it differently from the
 * table (`tests/a.py::t` vs `t`, or a parametrised `t[1]`).
 */
export function failureFor(report: TestReport, test: string): string | null {
  if (report.failures[test] !== undefined) return report.failures[test];
  const key = test.toLowerCase();
  for (const [name, reason] of Object.entries(report.failures)) {
    const n = name.toLowerCase();
    if (n.endsWith(`::${key}`) || key.endsWith(`::${n}`) || n.endsWith(`.${key}`) || key.endsWith(`.${n}`))
      return reason;
  }
  return null;
}

/* ---------------- tables ---------------- */

type Col = 'test' | 'runs' | 'final' | 'flaky';

function headerColumns(cells: string[]): Map<Col, number> | null {
  const cols = new Map<Col, number>();
  cells.forEach((raw, i) => {
    const c = cleanCell(raw).toLowerCase();
    if (/^tests?(\s*(id|name))?$/.test(c) && !cols.has('test')) cols.set('test', i);
    else if (/^(runs?|attempts?|tries)$/.test(c) && !cols.has('runs')) cols.set('runs', i);
    else if (/^(final|result|outcome)$/.test(c) && !cols.has('final')) cols.set('final', i);
    else if (/^@?flaky\??$/.test(c) && !cols.has('flaky')) cols.set('flaky', i);
  });
  // Test and Final name the table; one more known column keeps unrelated two-column tables out.
  if (!cols.has('test') || !cols.has('final') || !(cols.has('runs') || cols.has('flaky'))) return null;
  return cols;
}

const isSeparator = (cells: string[]): boolean => cells.length > 0 && cells.every((c) => /^:?-{1,}:?$/.test(c));

/** The real generator's header: `| Test | Runs | Final | \`@flaky\` |`. */
const GENERATOR_HEADER = '| Test | Runs | Final | `@flaky` |';

/** Rows of every matching table; null when no header was found. */
function parseTables(lines: string[], inBlock: Uint8Array): TestReportRow[] | null {
  let rows: TestReportRow[] | null = null;
  let cols: Map<Col, number> | null = null;
  let generator = false;
  let fence = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    // A traceback is no table, even when it prints one (a failing test of a report generator).
    // The generator's blocks are skipped whole: a fence line in a traceback must not flip `fence`.
    const fenceLine = !inBlock[i] && /^\s*(`{3,}|~{3,})/.test(line);
    if (fenceLine) fence = !fence;
    const cells = inBlock[i] || fence || fenceLine ? null : splitRow(line);
    if (!cells) {
      cols = null; // a line without pipes ends a table
      continue;
    }
    if (!cols) {
      cols = headerColumns(cells);
      generator = line.trim() === GENERATOR_HEADER;
      if (cols) rows ??= [];
      continue;
    }
    if (isSeparator(cells)) continue;
    const exact = generator ? generatorRow(line) : null;
    if (exact) {
      rows!.push(exact);
      continue;
    }
    const again = headerColumns(cells);
    if (again) {
      cols = again;
      generator = line.trim() === GENERATOR_HEADER;
      continue;
    }
    const row = toRow(cells, cols);
    if (row) rows!.push(row);
  }
  return rows;
}

const FINALS = new Set(['passed', 'failed', 'error', 'skipped', 'unknown']);

/**
 * A row as the real generator writes it, `| \`id\` | runs | final | yes/no |`, read from the
 * right: the id is everything inside the outer backticks, `|`, `<`, `&` and backticks included.
 */
export function generatorRow(line: string): TestReportRow | null {
  const t = line.trimEnd();
  if (!t.startsWith('| `') || !t.endsWith(' |')) return null;
  const body = t.slice(2, -2);
  const c3 = body.lastIndexOf(' | ');
  const c2 = c3 > 0 ? body.lastIndexOf(' | ', c3 - 1) : -1;
  const c1 = c2 > 0 ? body.lastIndexOf(' | ', c2 - 1) : -1;
  if (c1 < 0) return null;
  const cell = body.slice(0, c1);
  const runs = body.slice(c1 + 3, c2);
  const final = body.slice(c2 + 3, c3);
  const marked = body.slice(c3 + 3);
  if (cell.length < 3 || !cell.endsWith('`') || !/^\d{1,9}$/.test(runs)) return null;
  if (marked !== 'yes' && marked !== 'no') return null;
  const flake = /^flaked (\d{1,9}), passed (\d{1,9})$/.exec(final);
  if (!flake && !FINALS.has(final)) return null;
  return {
    test: cell.slice(1, -1),
    runs: Number(runs),
    final,
    ...(flake ? { flaked: Number(flake[1]), passed: Number(flake[2]), failed: 0 } : parseFinal(final)),
    markedFlaky: marked === 'yes',
  };
}

function toRow(cells: string[], cols: Map<Col, number>): TestReportRow | null {
  const at = (k: Col): string => {
    const i = cols.get(k);
    return i === undefined ? '' : (cells[i] ?? '');
  };
  const test = cleanCell(at('test'));
  if (!test) return null;
  const final = cleanCell(at('final'));
  const runsMatch = /\d+/.exec(cleanCell(at('runs')));
  return {
    test,
    runs: runsMatch ? Number(runsMatch[0]) : null,
    final,
    ...parseFinal(final),
    markedFlaky: isTruthy(cleanCell(at('flaky'))),
  };
}

/** `flaked 2, passed 1` -> counts; a bare word counts once ("passed" = passed 1). */
export function parseFinal(final: string): { flaked: number; passed: number; failed: number } {
  const f = final.toLowerCase();
  const count = (re: RegExp): number => {
    const m = re.exec(f);
    if (!m) return 0;
    return m[1] ? Number(m[1]) : 1;
  };
  return {
    flaked: count(/\bflak(?:ed|y|es)?\b(?:\s*(?:[:=x×]\s*)?(\d+))?/),
    // "flaky-recovered" says it passed in the end without saying how often.
    passed: count(/\bpass(?:ed|es)?\b(?:\s*(?:[:=x×]\s*)?(\d+))?/) || count(/\brecovered\b/),
    failed:
      count(/\bfail(?:ed|s|ures?)?\b(?:\s*(?:[:=x×]\s*)?(\d+))?/) +
      count(/\berr(?:or|ors|ored)\b(?:\s*(?:[:=x×]\s*)?(\d+))?/),
  };
}

function isTruthy(cell: string): boolean {
  return /^(yes|y|true|x|1|@?flaky|✓|✔|✔️|✅|☑|☑️|\[x\])$/i.test(cell.trim());
}
