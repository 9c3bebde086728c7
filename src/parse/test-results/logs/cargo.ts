/**
 * cargo test (libtest). Each test binary starts with `     Running unittests src/lib.rs
 * (target/debug/deps/crate-0123abcd)`, then `test tests::it_fails ... FAILED` per test at the
 * start of the line (nextest indents the libtest output it captures, so that is not read here),
 * and `---- tests::it_fails stdout ----` with `thread '…' panicked at src/lib.rs:9:21:` and the
 * message below. libtest never retries: a test printed twice ran twice.
 */
import type { TestResult } from '../../../types.js';
import type { LogTestParser, LogTestReader } from '../types.js';
import { Tally } from './tally.js';

const RESULT = /^test (\S+) \.\.\. (ok|FAILED|ignored)\b/;
const HASH = /-[0-9a-f]{8,}$/;
const STDOUT = /^---- (\S+) stdout ----$/;

class CargoReader implements LogTestReader {
  private readonly tally = new Tally('cargo');
  private binary = '';
  private current: string | null = null;
  private panicked = false;

  push(line: string): void {
    const c = line.charCodeAt(0);
    if (c === 116 /* t */ && line.startsWith('test ')) {
      const m = RESULT.exec(line);
      if (!m) return this.reasonLine(line);
      const outcome = m[2] === 'ok' ? 'passed' : m[2] === 'FAILED' ? 'failed' : 'skipped';
      this.tally.attempt(this.id(m[1]!), null, outcome);
      return;
    }
    const s = line.trim();
    if (s.startsWith('Running ')) {
      // `Running tests/api.rs (target/debug/deps/api-b8d736336f930d40)`: the binary, less its hash.
      const path = s.endsWith(')') ? s.slice(s.lastIndexOf('(') + 1, -1) : '';
      this.binary = path.slice(path.lastIndexOf('/') + 1).replace(HASH, '');
      return;
    }
    if (s.startsWith('---- ')) {
      const m = STDOUT.exec(s);
      this.current = m ? this.id(m[1]!) : null;
      this.panicked = false;
      return;
    }
    this.reasonLine(line);
  }

  private reasonLine(line: string): void {
    if (!this.current) return;
    const s = line.trim();
    // The failure's output ends where libtest lists the failures or sums up.
    if (s === 'failures:' || s.startsWith('test result: ')) {
      this.current = null;
      return;
    }
    if (this.panicked && s !== '') {
      this.tally.reason(this.current, s);
      this.current = null;
    } else if (s.startsWith('thread ') && s.includes(' panicked at ')) this.panicked = true;
  }

  private id(test: string): string {
    return this.binary ? `${this.binary} ${test}` : test;
  }

  finish(): TestResult[] {
    return this.tally.results();
  }
}

export const cargoParser: LogTestParser = { source: 'cargo', create: () => new CargoReader() };
