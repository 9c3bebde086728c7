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

export function parseTestReport(summary: string | null | undefined): TestReport | null {
  void summary;
  throw new Error('not implemented');
}
