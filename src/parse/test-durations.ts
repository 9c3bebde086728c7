/**
 * Per-test durations printed by test runners, read one log line at a time.
 * Each runner's line shape is distinctive enough to match anywhere in a job log,
 * so no runner state is kept; the collector bounds how many tests it remembers.
 */
import type { TestDuration } from '../types.js';

interface Shape {
  runner: string;
  /**
   * Test name and seconds from a trimmed line; null when the line has this runner's shape but
   * is no timing (no other shape is tried then); undefined when it is not this runner's line.
   */
  read(line: string): { test: string; seconds: number } | null | undefined;
}

const UNIT: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600 };

/*
 * Lines are trimmed before they get here, so no shape needs `^\s*` or `\s*$`: those, next to
 * a free-text group, are what made the earlier patterns polynomial (a line of spaces).
 */
const PYTEST = /^(\d+(?:\.\d+)?)s (?:call|setup|teardown) +/;
const PLAYWRIGHT = /^(?:[✓✘]|ok|x) +\d+ (\S.*?)(?: \(retry #\d+\))? \((\d+(?:\.\d+)?)(ms|s|m|h)\)$/;
const JEST = /^[✓✔✕✖√×] +(\S.*) \((\d+(?:\.\d+)?) ?(ms|s)\)$/;
const GO = /^--- (?:PASS|FAIL): (\S+) \((\d+(?:\.\d+)?)s\)/;
const SUREFIRE_TIME = /^(\d+(?:\.\d+)?) s(?:ec)?\b/;

const SHAPES: Shape[] = [
  {
    // pytest --durations: `12.34s call     tests/test_x.py::test_y[a b]` (a parametrize id may hold spaces)
    runner: 'pytest',
    read: (line) => {
      const m = PYTEST.exec(line);
      const test = m ? line.slice(m[0].length) : '';
      // A node id: a path without spaces, `::`, then the name (whose `[...]` may hold spaces).
      const sep = test.indexOf('::');
      const space = test.search(/\s/);
      if (!m || sep <= 0 || (space >= 0 && space < sep)) return undefined;
      return { test, seconds: Number(m[1]) };
    },
  },
  {
    // Playwright list reporter: `  ✓  12 [chromium] › a.spec.ts:3:5 › title (5.1m)`. The ordinal
    // (12) counts tests in this run and changes between runs: it is not part of the test's id,
    // nor is `(retry #1)`.
    runner: 'playwright',
    read: (line) => {
      const m = PLAYWRIGHT.exec(line);
      if (!m) return undefined;
      return m[1]!.includes(' › ') ? { test: m[1]!, seconds: Number(m[2]) * UNIT[m[3]!]! } : null;
    },
  },
  {
    // jest: `✓ renders the list (1234 ms)`, failed tests with ✕
    runner: 'jest',
    read: (line) => {
      const m = JEST.exec(line);
      return m ? { test: m[1]!, seconds: Number(m[2]) / (m[3] === 'ms' ? 1000 : 1) } : undefined;
    },
  },
  {
    // go test -v: `--- PASS: TestX (12.34s)`, subtests indented
    runner: 'go',
    read: (line) => {
      const m = GO.exec(line);
      return m ? { test: m[1]!, seconds: Number(m[2]) } : undefined;
    },
  },
  {
    // maven surefire: `Tests run: 3, Failures: 0, ..., Time elapsed: 12.5 s - in com.x.FooTest`
    runner: 'junit',
    read: (line) => {
      const at = line.indexOf('Time elapsed: ');
      const inAt = line.lastIndexOf(' in ');
      if (!line.includes('Tests run: ') || at < 0 || inAt < at) return undefined;
      const time = SUREFIRE_TIME.exec(line.slice(at + 'Time elapsed: '.length));
      const test = line.slice(inAt + 4);
      return time && test !== '' && !/\s/.test(test) ? { test, seconds: Number(time[1]) } : undefined;
    },
  },
];

/** Most distinct tests remembered before the shortest are dropped. */
const MAX_TESTS = 2000;
/** Tests returned in a digest, longest first. */
const KEEP_TESTS = 50;

export class TestDurationCollector {
  private readonly byTest = new Map<string, TestDuration>();

  /** Look at one line (timestamp and marker already stripped, already cut short). */
  push(body: string): void {
    // Cheap gate: every shape carries a digit followed by a unit (`s`, `ms`, `sec`, `m`, `h`).
    if (!/\d\s?(?:m?s|sec|m|h)\b/.test(body)) return;
    const line = body.trim();
    for (const shape of SHAPES) {
      const t = shape.read(line);
      if (t === undefined) continue;
      if (t && Number.isFinite(t.seconds) && t.seconds >= 0) this.add(shape.runner, t.test.slice(0, 300), t.seconds);
      return;
    }
  }

  private add(runner: string, test: string, seconds: number): void {
    const key = `${runner}\u0000${test}`;
    const prev = this.byTest.get(key);
    // pytest lists setup/call/teardown separately: a test's time is their sum.
    if (prev) prev.seconds = Math.round((prev.seconds + seconds) * 1000) / 1000;
    else this.byTest.set(key, { test, seconds, runner });
    if (this.byTest.size > MAX_TESTS * 2) this.prune(MAX_TESTS);
  }

  private prune(keep: number): void {
    const top = this.top(keep);
    this.byTest.clear();
    for (const t of top) this.byTest.set(`${t.runner}\u0000${t.test}`, t);
  }

  private top(n: number): TestDuration[] {
    return [...this.byTest.values()].sort((a, b) => b.seconds - a.seconds || a.test.localeCompare(b.test)).slice(0, n);
  }

  result(): TestDuration[] {
    return this.top(KEEP_TESTS).map((t) => ({ ...t }));
  }
}
