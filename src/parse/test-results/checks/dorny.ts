/**
 * dorny/test-reporter: its check run's summary and failure annotations (src/report/get-report.ts
 * and get-annotations.ts of that repository). The summary opens with a shields.io badge and a
 * `|Report|Passed|Failed|Skipped|Time|` table; with `list-tests: all` (default) or `failed`,
 * each suite is a `### <icon> <a …>suite</a>` heading over a code block of
 * `group` lines, `  ✅|❌|⚪ test` lines and tab-indented error lines. Each failure also gets an
 * annotation titled `suite ► group ► test` whose message is `Failed test found in:` … `Error:` ….
 * Tests are named as the annotations name them. dorny reads no retries: a test passed or failed.
 */
import type { Annotation, CheckRun, TestResult } from '../../../types.js';
import type { CheckRunParser } from '../types.js';
import { firstLine, merge, testResult } from './util.js';

const SOURCE = 'dorny';
const BADGE = '](https://img.shields.io/badge/tests-';
const REPORT_HEADER = '|Report|Passed|Failed|Skipped|Time|';
const SEP = ' ► ';
const ICONS: Record<string, TestResult['outcome']> = { '✅': 'passed', '❌': 'failed', '⚪': 'skipped' };

const isFailureAnnotation = (a: Annotation): boolean =>
  a.level === 'failure' && (a.title ?? '').includes(SEP) && a.message.startsWith('Failed test found in:');

/** `### ❌\u00a0<a id="…" href="…">name</a>`: the suite's name, Markdown escapes undone. */
function suiteHeading(line: string): string | null {
  if (!line.startsWith('### ')) return null;
  const open = line.indexOf('">');
  const close = line.lastIndexOf('</a>');
  if (open < 0 || close <= open) return null;
  return line.slice(open + 2, close).replace(/\\([\\<>|])/g, '$1');
}

function testLine(line: string): { outcome: TestResult['outcome']; name: string; grouped: boolean } | null {
  const grouped = line.startsWith('  ');
  const body = grouped ? line.slice(2) : line;
  const outcome = ICONS[body.slice(0, 1)] ?? ICONS[body.slice(0, 2)];
  if (!outcome) return null;
  const space = body.indexOf(' ');
  if (space < 1 || space > 2) return null;
  const name = body.slice(space + 1);
  return name ? { outcome, name, grouped } : null;
}

/** Tests listed in the summary's code blocks (all of them, or the failed ones with `list-tests: failed`). */
function fromSummary(summary: string, into: Map<string, TestResult>): void {
  let suite: string | null = null;
  let inBlock = false;
  let group = '';
  let last: TestResult | null = null;
  for (const line of summary.split(/\r\n|\r|\n/)) {
    if (!inBlock) {
      const s = suiteHeading(line);
      if (s !== null) suite = s;
      else if (line === '```' && suite !== null) {
        inBlock = true;
        group = '';
        last = null;
      }
      continue;
    }
    if (line === '```') {
      inBlock = false;
      suite = null;
      continue;
    }
    if (line.startsWith('\t')) {
      if (last && last.outcome === 'failed' && !last.reason) last.reason = firstLine(line);
      continue;
    }
    const t = testLine(line);
    if (!t) {
      group = line.trim();
      continue;
    }
    const id = [suite, t.grouped ? group : '', t.name].filter(Boolean).join(SEP);
    last = testResult(SOURCE, id, t.outcome);
    merge(into, last);
    last = into.get(id) ?? null;
  }
}

/** `Failed test found in:\n  path\nError:\n  message`: the message's first line. */
function annotationReason(message: string): string | null {
  const at = message.indexOf('\nError:\n');
  return firstLine(at >= 0 ? message.slice(at + 8) : message);
}

export const dornyParser: CheckRunParser = {
  source: SOURCE,
  detects(check: CheckRun) {
    const s = check.summary ?? '';
    return (s.includes(BADGE) && s.includes(REPORT_HEADER)) || check.annotations.some(isFailureAnnotation);
  },
  parse(check) {
    const into = new Map<string, TestResult>();
    if (check.summary) fromSummary(check.summary.slice(0, 200_000), into);
    for (const a of check.annotations) {
      if (!isFailureAnnotation(a)) continue;
      merge(into, testResult(SOURCE, a.title!, 'failed', { reason: annotationReason(a.message) }));
    }
    return [...into.values()];
  },
};
