/**
 * Small pieces the check-run parsers share: a TestResult builder, merging what the summary
 * and the annotations say about one test, and a failure's first meaningful line.
 */
import type { TestResult } from '../../../types.js';
import { errorLine } from '../../summary-failures.js';

/** Parsers read at most this many tests of one check run: a report lists a suite, not a history. */
export const MAX_TESTS = 5000;

/** Reasons longer than this are cut: a reason names a failure, it does not carry its log. */
const MAX_REASON = 500;

export function testResult(
  source: string,
  id: string,
  outcome: TestResult['outcome'],
  over: Partial<Omit<TestResult, 'id' | 'source' | 'outcome'>> = {},
): TestResult {
  return {
    id,
    source,
    attempts: outcome === 'skipped' ? 0 : 1,
    failed: outcome === 'failed' ? 1 : 0,
    passed: outcome === 'passed' ? 1 : 0,
    outcome,
    reason: null,
    seconds: null,
    markedFlaky: false,
    ...over,
  };
}

/** Keeps one result per id: a later failure wins over a pass, a known reason over none. */
export function merge(into: Map<string, TestResult>, r: TestResult): void {
  const prev = into.get(r.id);
  if (!prev) {
    if (into.size < MAX_TESTS) into.set(r.id, r);
    return;
  }
  if (prev.outcome !== 'failed' && r.outcome === 'failed') into.set(r.id, { ...r, reason: r.reason ?? prev.reason });
  else if (!prev.reason && r.reason) into.set(r.id, { ...prev, reason: r.reason });
}

/** The line of a failure text worth quoting: its exception line, else its first non-empty one. */
export function reasonOf(text: string | null | undefined): string | null {
  if (typeof text !== 'string' || text.trim() === '') return null;
  const lines = text.slice(0, 20_000).split(/\r\n|\r|\n/);
  // Its exception line (`E   AssertionError: …`), else the first line: details open with the message.
  const line = errorLine(lines, firstLine(text));
  const t = line?.trim() ?? '';
  return t ? t.slice(0, MAX_REASON) : null;
}

/** The first non-empty line, trimmed and cut. */
export function firstLine(text: string | null | undefined): string | null {
  if (typeof text !== 'string') return null;
  for (const l of text.slice(0, 20_000).split(/\r\n|\r|\n/)) {
    const t = l.trim();
    if (t) return t.slice(0, MAX_REASON);
  }
  return null;
}
