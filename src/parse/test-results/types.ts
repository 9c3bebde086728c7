/**
 * The two ways test results reach an audit, one parser per format behind each (as
 * dorny/test-reporter keeps one parser per format): a check run posted by a test reporter,
 * and a test runner's output in a job log. Parsers are pure and never throw; registries in
 * this folder list them, so adding a format is one file plus one registry line.
 */
import type { CheckRun, TestResult } from '../../types.js';

/** A test reporter's check run (its summary, text and annotations). */
export interface CheckRunParser {
  /** Short name, used as `TestResult.source` ("dorny", "junit-report", …). */
  source: string;
  /** Whether this check run is this reporter's: cheap, from its name, title or summary's shape. */
  detects(check: CheckRun): boolean;
  /** Every test the check run reports (failed and retried ones at least); null when unreadable. */
  parse(check: CheckRun): TestResult[] | null;
}

/**
 * A test runner's output in a job log, read line by line in one pass: the log digest feeds
 * every line of a step's output (ANSI stripped, timestamp and `##[…]` marker removed, never the
 * runner's echo of a script) to a fresh reader per log. Readers keep bounded state.
 */
export interface LogTestParser {
  /** Short name, used as `TestResult.source` ("pytest", "jest", "playwright", …). */
  source: string;
  create(): LogTestReader;
}

export interface LogTestReader {
  push(line: string): void;
  /** The tests worth keeping for rules: every test that failed at least once, at most a bounded number. */
  finish(): TestResult[];
}
