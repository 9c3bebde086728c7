/**
 * EnricoMi/publish-unit-test-result-action (python/publish/__init__.py of that repository):
 * its summary holds counts only (and a `[test-results]:data:application/gzip;base64,…`
 * digest); tests are in the annotations. A failed test is a `warning` (failure) or
 * `failure` (error) annotation titled `name (class) failed` / `name (class) with error`, or,
 * when the test ran more than once, `All N runs failed: name (class)` /
 * `K out of N runs failed: name (class)`; `raw_details` holds the message and stack trace.
 * With `check_run_annotations: all tests, skipped tests` (the default) `notice` annotations
 * titled `N tests found` / `N skipped tests found` list every test as `class ‑ name` in
 * `raw_details`: a listed test neither failed nor skipped passed.
 * "K out of N runs failed" is not read as a flake: the other runs may be another result file
 * of a matrix (another Python, another OS), so the test is reported failed, passes unclaimed.
 */
import type { Annotation, CheckRun, TestResult } from '../../../types.js';
import type { CheckRunParser } from '../types.js';
import { MAX_TESTS, merge, reasonOf, testResult } from './util.js';

const SOURCE = 'publish-unit';
const DIGEST = '[test-results]:data:application/gzip;base64,';
/** U+2011, the separator of its test lists. */
const LIST_SEP = ' \u2011 ';
const LIST_TITLE = /^\d{1,9} (skipped )?tests? found( \(test \d{1,9} to \d{1,9}\))?$/;
const MULTI = /^(?:All (\d{1,9})|(\d{1,9}) out of (\d{1,9})) runs (?:failed|with error): /;

/** `name (class)` -> `class.name`; a name with no class stays as it is. */
function idOf(title: string): string {
  if (!title.endsWith(')')) return title;
  const open = title.lastIndexOf(' (');
  if (open <= 0) return title;
  return `${title.slice(open + 2, -1)}.${title.slice(0, open)}`;
}

/** `class ‑ name` (list form) -> `class.name`. */
function idOfListed(line: string): string {
  const at = line.indexOf(LIST_SEP);
  return at > 0 ? `${line.slice(0, at)}.${line.slice(at + LIST_SEP.length)}` : line;
}

const TOOK = /\[took ((?:\d{1,6}[dhms] ?){1,4})\]$/;
const UNIT: Record<string, number> = { d: 86_400, h: 3_600, m: 60, s: 1 };

/** `result.xml\u2003[took 1m 7s]` (its message, one line per result file): seconds of the first. */
function seconds(message: string): number | null {
  const m = TOOK.exec(message.split('\n', 1)[0]!.trimEnd());
  if (!m) return null;
  let total = 0;
  for (const part of m[1]!.trim().split(' ')) total += Number(part.slice(0, -1)) * UNIT[part.slice(-1)]!;
  return total;
}

function failure(a: Annotation): TestResult | null {
  if (a.level !== 'warning' && a.level !== 'failure') return null;
  const title = a.title ?? '';
  const reason = reasonOf(a.rawDetails) ?? null;
  const over = { reason, seconds: seconds(a.message) };
  const multi = MULTI.exec(title);
  if (multi) {
    const all = multi[1] !== undefined;
    const runs = Number(all ? multi[1] : multi[3]);
    const failed = all ? runs : Number(multi[2]);
    return testResult(SOURCE, idOf(title.slice(multi[0].length)), 'failed', { ...over, attempts: runs, failed });
  }
  for (const suffix of [' failed', ' with error']) {
    if (title.endsWith(suffix) && title.length > suffix.length)
      return testResult(SOURCE, idOf(title.slice(0, -suffix.length)), 'failed', over);
  }
  return null;
}

function lists(check: CheckRun): { all: string[]; skipped: Set<string> } {
  const all: string[] = [];
  const skipped = new Set<string>();
  for (const a of check.annotations) {
    const m = a.level === 'notice' && a.path === '.github' ? LIST_TITLE.exec(a.title ?? '') : null;
    if (!m || !a.rawDetails) continue;
    const ids = a.rawDetails
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map(idOfListed);
    if (m[1]) ids.forEach((id) => skipped.add(id));
    else all.push(...ids.slice(0, MAX_TESTS - all.length));
  }
  return { all, skipped };
}

export const publishUnitParser: CheckRunParser = {
  source: SOURCE,
  detects: (check) =>
    (check.summary ?? '').includes(DIGEST) ||
    check.annotations.some((a) => a.level === 'notice' && a.path === '.github' && LIST_TITLE.test(a.title ?? '')),
  parse(check) {
    const into = new Map<string, TestResult>();
    for (const a of check.annotations) {
      const f = failure(a);
      if (f) merge(into, f);
    }
    const { all, skipped } = lists(check);
    for (const id of skipped) merge(into, testResult(SOURCE, id, 'skipped'));
    for (const id of all) merge(into, testResult(SOURCE, id, 'passed'));
    return [...into.values()];
  },
};
