/**
 * Bounded per-test bookkeeping shared by the log readers. A runner that numbers its attempts
 * (`(retry #1)`, `TRY 2`, `Run 3:`, `(re-run 1)`) records them by index, so the same attempt
 * printed twice (a list line and a summary line, two reporters) counts once; a runner that does
 * not number them records them in order.
 */
import type { TestResult } from '../../../types.js';

/** Distinct tests remembered per log; passing tests give way to failing ones when full. */
export const MAX_TRACKED = 2000;
/** Tests returned per reader: only tests that failed at least once are returned. */
export const MAX_RETURNED = 200;
/** Attempt indexes kept exactly; later ones are counted in order. */
const MAX_INDEX = 30;
const MAX_ID = 300;
const MAX_REASON = 300;

type Outcome = TestResult['outcome'];

interface Entry {
  id: string;
  failedBits: number;
  passedBits: number;
  skippedBits: number;
  /** Attempts without an index (or beyond MAX_INDEX). */
  failed: number;
  passed: number;
  skipped: number;
  last: Outcome | null;
  final: Outcome | null;
  reason: string | null;
  seconds: number | null;
  markedFlaky: boolean;
  /** Attempts were inferred (from a summary), not each seen: their number is unknown. */
  vague: boolean;
}

function bitCount(n: number): number {
  let c = 0;
  for (let v = n; v; v &= v - 1) c++;
  return c;
}

function highBit(n: number): number {
  return n ? 32 - Math.clz32(n) : 0;
}

/** Plain one-line text, cut short: a failure's reason as the log printed it. */
export function cleanReason(text: string): string | null {
  const t = text.replace(/\s+/g, ' ').trim();
  return t === '' ? null : t.slice(0, MAX_REASON);
}

export class Tally {
  private readonly entries = new Map<string, Entry>();
  private full = false;

  constructor(private readonly source: string) {}

  get size(): number {
    return this.entries.size;
  }

  has(id: string): boolean {
    return this.entries.has(id.slice(0, MAX_ID));
  }

  /** The entry for `id`, made if there is room; a pass never evicts anything. */
  private entry(id: string, failing: boolean): Entry | undefined {
    const key = id.slice(0, MAX_ID);
    const hit = this.entries.get(key);
    if (hit) return hit;
    if (this.entries.size >= MAX_TRACKED && !(failing && this.evictPassing())) return undefined;
    const e: Entry = {
      id: key,
      failedBits: 0,
      passedBits: 0,
      skippedBits: 0,
      failed: 0,
      passed: 0,
      skipped: 0,
      last: null,
      final: null,
      reason: null,
      seconds: null,
      markedFlaky: false,
      vague: false,
    };
    this.entries.set(key, e);
    return e;
  }

  private evictPassing(): boolean {
    if (this.full) return false;
    for (const [k, v] of this.entries) {
      if (v.failed === 0 && v.failedBits === 0 && v.final !== 'failed') {
        this.entries.delete(k);
        return true;
      }
    }
    this.full = true;
    return false;
  }

  /** One attempt; `index` is 1-based when the runner numbers attempts, else null. */
  attempt(id: string, index: number | null, outcome: Outcome, seconds: number | null = null): void {
    const e = this.entry(id, outcome === 'failed');
    if (!e) return;
    if (index !== null && index >= 1 && index <= MAX_INDEX) {
      const bit = 1 << (index - 1);
      if (outcome === 'failed') e.failedBits |= bit;
      else if (outcome === 'passed') e.passedBits |= bit;
      else e.skippedBits |= bit;
      if (index >= this.highest(e)) e.last = outcome;
    } else {
      if (outcome === 'failed') e.failed++;
      else if (outcome === 'passed') e.passed++;
      else e.skipped++;
      e.last = outcome;
    }
    if (seconds !== null && Number.isFinite(seconds) && seconds >= 0) e.seconds = seconds;
  }

  /** The next unnumbered attempt's index, for runners that number only retries. */
  nextIndex(id: string): number {
    const e = this.entries.get(id.slice(0, MAX_ID));
    return e ? this.highest(e) + e.failed + e.passed + e.skipped + 1 : 1;
  }

  private highest(e: Entry): number {
    return highBit(e.failedBits | e.passedBits | e.skippedBits);
  }

  /** How the test ended, when the runner says so apart from its attempts (a summary). */
  final(id: string, outcome: Outcome): void {
    const e = this.entry(id, outcome === 'failed');
    if (e) e.final = outcome;
  }

  reason(id: string, text: string): void {
    const e = this.entries.get(id.slice(0, MAX_ID));
    if (e && e.reason === null) e.reason = cleanReason(text);
  }

  /** The attempts of `id` were inferred from a summary: report their number as unknown. */
  vague(id: string): void {
    const e = this.entries.get(id.slice(0, MAX_ID));
    if (e) e.vague = true;
  }

  markFlaky(id: string): void {
    const e = this.entries.get(id.slice(0, MAX_ID));
    if (e) e.markedFlaky = true;
  }

  /** Failed attempts seen for `id` (0 when unknown). */
  failures(id: string): number {
    const e = this.entries.get(id.slice(0, MAX_ID));
    return e ? bitCount(e.failedBits) + e.failed : 0;
  }

  /** The highest numbered attempt of `id` that failed (0 when none). */
  lastFailedIndex(id: string): number {
    const e = this.entries.get(id.slice(0, MAX_ID));
    return e ? highBit(e.failedBits) : 0;
  }

  ids(): string[] {
    return [...this.entries.keys()];
  }

  /** Tests that failed at least once (or ended failed), at most MAX_RETURNED. */
  results(): TestResult[] {
    const out: TestResult[] = [];
    for (const e of this.entries.values()) {
      const failed = bitCount(e.failedBits) + e.failed;
      const passed = bitCount(e.passedBits) + e.passed;
      const skipped = bitCount(e.skippedBits) + e.skipped;
      const outcome = e.final ?? e.last ?? 'failed';
      if (failed === 0 && outcome !== 'failed') continue;
      const f = Math.max(failed, outcome === 'failed' ? 1 : 0);
      const p = Math.max(passed, outcome === 'passed' ? 1 : 0);
      out.push({
        id: e.id,
        source: this.source,
        attempts: e.vague ? null : Math.max(failed + passed + skipped, f + p),
        failed: f,
        passed: p,
        outcome,
        reason: e.reason,
        seconds: e.seconds,
        markedFlaky: e.markedFlaky,
      });
      if (out.length >= MAX_RETURNED) break;
    }
    return out;
  }
}
