/**
 * Parser of flaky-aware test reports in a check run's summary:
 * a `| Test | Runs | Final | @flaky |` table (found by its header anywhere in the text)
 * and a `## Failures` section with a traceback per test. Never throws.
 * OWNER: rules A.
 */
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
  const lines = summary
    .slice(0, MAX_INPUT)
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/);
  const rows = parseTables(lines);
  const failures = parseFailures(lines);
  if (rows === null && Object.keys(failures).length === 0) return null;
  return { rows: rows ?? [], failures };
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

/** Split a Markdown table line on unescaped pipes; `\|` stays inside the cell as `|`. */
export function splitRow(line: string): string[] | null {
  const t = line.trim();
  if (!t.includes('|')) return null;
  const cells: string[] = [];
  let cur = '';
  for (let i = 0; i < t.length; i++) {
    const c = t[i]!;
    if (c === '\\' && t[i + 1] === '|') {
      cur += '|';
      i++;
    } else if (c === '|') {
      cells.push(cur);
      cur = '';
    } else cur += c;
  }
  cells.push(cur);
  if (t.startsWith('|')) cells.shift();
  if (t.endsWith('|') && !t.endsWith('\\|')) cells.pop();
  return cells.map((c) => c.trim());
}

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

/** Rows of every matching table; null when no header was found. */
function parseTables(lines: string[]): TestReportRow[] | null {
  let rows: TestReportRow[] | null = null;
  let cols: Map<Col, number> | null = null;
  for (const line of lines) {
    const cells = splitRow(line);
    if (!cells) {
      cols = null; // a line without pipes ends a table
      continue;
    }
    if (!cols) {
      cols = headerColumns(cells);
      if (cols) rows ??= [];
      continue;
    }
    if (isSeparator(cells)) continue;
    const again = headerColumns(cells);
    if (again) {
      cols = again;
      continue;
    }
    const row = toRow(cells, cols);
    if (row) rows!.push(row);
  }
  return rows;
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
    flaked: count(/\bflak(?:ed|y|es)?\b(?:\s*[:=x×]?\s*(\d+))?/),
    // "flaky-recovered" says it passed in the end without saying how often.
    passed: count(/\bpass(?:ed|es)?\b(?:\s*[:=x×]?\s*(\d+))?/) || count(/\brecovered\b/),
    failed:
      count(/\bfail(?:ed|s|ures?)?\b(?:\s*[:=x×]?\s*(\d+))?/) + count(/\berr(?:or|ors|ored)\b(?:\s*[:=x×]?\s*(\d+))?/),
  };
}

function isTruthy(cell: string): boolean {
  return /^(yes|y|true|x|1|@?flaky|✓|✔|✔️|✅|☑|☑️|\[x\])$/i.test(cell.trim());
}

/** Cell text without Markdown/HTML decoration: backticks, links, tags, bold, entities. */
export function cleanCell(cell: string): string {
  return cell
    .replace(/<[^<>]*>/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, decodeEntity)
    .replace(/`/g, '')
    .replace(/^\*\*(.*)\*\*$/, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  mdash: '—',
  ndash: '–',
  hellip: '…',
};

function decodeEntity(whole: string, code: string): string {
  if (code[0] !== '#') return NAMED[code.toLowerCase()] ?? whole;
  const n = code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
  return Number.isFinite(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : whole;
}

/* ---------------- ## Failures ---------------- */

interface Entry {
  name: string;
  /** The one-line message some reports put next to the name ("— failure: AssertionError: …"). */
  message: string | null;
}

/** test -> its error line, from the `## Failures` section (or sections). */
function parseFailures(lines: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  let level = 0; // heading level of the Failures section we are in, 0 = outside
  let entry: Entry | null = null;
  let body: string[] = [];
  const flush = (): void => {
    // A retried test has a block per failed attempt: the first one with a reason wins.
    if (entry && out[entry.name] === undefined) {
      const reason = errorLine(body, entry.message);
      if (reason) out[entry.name] = reason;
    }
    body = [];
  };
  let fence = false;
  for (const line of lines) {
    // Inside a code fence a `#` line is a comment of the traceback, not a heading.
    if (/^\s*(`{3,}|~{3,})/.test(line)) fence = !fence;
    else if (fence) {
      if (level > 0) body.push(line);
      continue;
    }
    const h = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    const isFailures = h !== null && /^failures?\b/i.test(cleanCell(h[2]!));
    if (level === 0 || (h && h[1]!.length <= level)) {
      flush();
      entry = null;
      if (h) level = isFailures ? h[1]!.length : 0;
      continue;
    }
    const next = h ? entryOf(h[2]!) : summaryEntry(line);
    if (next !== undefined) {
      flush();
      entry = next;
      continue;
    }
    if (/^\s*<\/details>/i.test(line)) {
      // What follows a closed block (often the results table) is no test's traceback.
      flush();
      entry = null;
      continue;
    }
    body.push(line);
  }
  flush();
  return out;
}

/** `<details><summary><code>t</code> (attempt 1/2) &mdash; failure: Msg</summary>` -> its entry. */
function summaryEntry(line: string): Entry | null | undefined {
  const m = /<summary>(.*?)<\/summary>/i.exec(line);
  return m ? entryOf(m[1]!) : undefined;
}

function entryOf(raw: string): Entry | null {
  const code = /<code>(.*?)<\/code>/i.exec(raw) ?? /`([^`]+)`/.exec(raw);
  const text = cleanCell(raw).replace(/^(?:❌|✖|✗|FAILED:?)\s*/u, '');
  const name = code ? cleanCell(code[1]!) : text.split(/\s+(?:\(|—|–|-\s)/)[0]!.trim();
  if (!name) return null;
  const msg = /\s[—–-]\s*(?:failure|error|failed)?:?\s*(.+)$/i.exec(text.slice(text.indexOf(name) + name.length));
  const message = msg?.[1]?.trim() ?? '';
  // "— error" alone names the kind of failure, not its reason.
  return { name, message: message && !/^(?:failure|error|failed)$/i.test(message) ? message : null };
}

const EXCEPTION =
  /^(?:E\s+)?(?:[\w.]+\.)?[A-Z]\w*(?:Error|Exception|Failure|Failed|Exit|Interrupt|Timeout|Warning)\b(?::|$)/;
const NOISE = /^(?:`{3,}|~{3,}|-{3,}|={3,}|_{3,}|<\/?details>|Traceback \(most recent call last\):?)$/i;

/**
 * The last meaningful error line of a traceback: its last exception line, else the message
 * next to the test's name, else the first `E ` line, else the last line.
 */
export function errorLine(body: string[], message: string | null = null): string | null {
  // A traceback in a fence is the reason; prose around it is not.
  const inFence: string[] = [];
  let fenced = false;
  for (const l of body) {
    if (/^\s*(`{3,}|~{3,})/.test(l)) fenced = !fenced;
    else if (fenced) inFence.push(l);
  }
  const text = (inFence.length > 0 ? inFence : body)
    .map((l) => cleanCell(l.replace(/<[^<>]*>/g, '')))
    .filter((l) => l && !NOISE.test(l) && !l.startsWith('|'));
  const strip = (l: string): string => l.replace(/^E\s+/, '').slice(0, 300);
  const exc = text.filter((l) => EXCEPTION.test(l)).pop();
  if (exc) return strip(exc);
  if (message) return strip(message);
  const e = text.find((l) => /^E\s+\S/.test(l));
  if (e) return strip(e);
  const last = text.pop();
  return last ? strip(last) : null;
}
