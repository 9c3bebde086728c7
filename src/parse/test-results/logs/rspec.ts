/**
 * RSpec, with rspec-retry. With `verbose_retry`, rspec-retry prints `RSpec::Retry: 2nd try
 * ./spec/a_spec.rb:12` before each retry (so attempt 1 failed), and with
 * `display_try_failure_messages` `1st Try error in ./spec/a_spec.rb:12:` and the error. RSpec
 * lists every example that failed in the end once, under "Failed examples:"
 * (`rspec ./spec/a_spec.rb:12 # Foo does bar`), and ends with `3 examples, 1 failure`. A
 * retried example missing from that list passed on its last try.
 */
import type { TestResult } from '../../../types.js';
import type { LogTestParser, LogTestReader } from '../types.js';
import { MAX_TRACKED, Tally } from './tally.js';

const RETRY = /^RSpec::Retry: (\d+)(?:st|nd|rd|th) try (\S+)$/;
const TRY_ERROR = /^\d+(?:st|nd|rd|th) Try error in (\S+):$/;
const FAILED_EXAMPLE = /^rspec (\S+) # (.+)$/;
const SUMMARY = /^\d+ examples?, (\d+) failures?/;
const FAILURE_HEADER = /^\d+\) (.+)$/;

class RspecReader implements LogTestReader {
  /** Highest try seen per example location. */
  private readonly tries = new Map<string, number>();
  private readonly failed = new Map<string, string>();
  private readonly reasons = new Map<string, string>();
  /** Reasons by description, from the "Failures:" section. */
  private readonly byDescription = new Map<string, string>();
  private wantReasonFor: string | null = null;
  private descriptionFor: string | null = null;
  /** Failures RSpec's closing summary counted; null until it is read. */
  private summaryFailures: number | null = null;

  push(line: string): void {
    const s = line.trim();
    if (s === '') return;
    if (this.wantReasonFor) {
      if (this.reasons.size < MAX_TRACKED && !this.reasons.has(this.wantReasonFor))
        this.reasons.set(this.wantReasonFor, s);
      this.wantReasonFor = null;
      return;
    }
    const c = s.charCodeAt(0);
    if (c === 82 /* R */ && s.startsWith('RSpec::Retry: ')) {
      const m = RETRY.exec(s);
      if (m && (this.tries.has(m[2]!) || this.tries.size < MAX_TRACKED))
        this.tries.set(m[2]!, Math.max(this.tries.get(m[2]!) ?? 1, Number(m[1])));
    } else if (c >= 48 && c <= 57) {
      const t = TRY_ERROR.exec(s);
      if (t) this.wantReasonFor = t[1]!;
      else if (SUMMARY.test(s)) this.summaryFailures = Number(SUMMARY.exec(s)![1]);
      else {
        const h = FAILURE_HEADER.exec(s);
        this.descriptionFor = h ? h[1]! : null;
      }
    } else if (c === 114 /* r */ && s.startsWith('rspec ')) {
      const m = FAILED_EXAMPLE.exec(s);
      if (m && this.failed.size < MAX_TRACKED) this.failed.set(m[1]!, m[2]!);
    } else if (this.descriptionFor && s.startsWith('Failure/Error: ')) {
      if (this.byDescription.size < MAX_TRACKED) this.byDescription.set(this.descriptionFor, s.slice(15));
      this.descriptionFor = null;
    }
  }

  finish(): TestResult[] {
    const tally = new Tally('rspec');
    for (const [loc, desc] of this.failed) {
      const tries = this.tries.get(loc) ?? 1;
      for (let i = 1; i <= tries; i++) tally.attempt(loc, i, 'failed');
      tally.reason(loc, this.reasons.get(loc) ?? this.byDescription.get(desc) ?? '');
    }
    // Without RSpec's closing summary (and its list, when it counted failures) the run may have
    // stopped early: a retried example's outcome is then unknown.
    const complete = this.summaryFailures !== null && (this.summaryFailures === 0 || this.failed.size > 0);
    if (complete) {
      for (const [loc, tries] of this.tries) {
        if (this.failed.has(loc)) continue;
        for (let i = 1; i < tries; i++) tally.attempt(loc, i, 'failed');
        tally.attempt(loc, tries, 'passed');
        tally.reason(loc, this.reasons.get(loc) ?? '');
      }
    }
    return tally.results();
  }
}

export const rspecParser: LogTestParser = { source: 'rspec', create: () => new RspecReader() };
