/**
 * Playwright Test. The list reporter prints each attempt (`✘  1 [chromium] › a.spec.ts:3:5 ›
 * title (12ms)`, `✓  2 … › title (retry #1) (10ms)`; `x`/`ok` on Windows, no ordinal in older
 * versions); every terminal reporter ends with a summary (`  1 flaky` then the tests, each with
 * a `───` rule) and numbered failure blocks (`  1) … ───`, `Retry #1 ───` between attempts).
 * The line reporter prints each attempt as it starts (`[2/1] (retries) a.test.js:3:11 › one
 * (retry #1)`): Playwright retries only a failed attempt, so retry #N says attempts 1…N failed.
 * An attempt counts once by its retry number; the summary gives the outcome, never an attempt.
 */
import type { TestResult } from '../../../types.js';
import type { LogTestParser, LogTestReader } from '../types.js';
import { Tally } from './tally.js';

const MARKS: Record<string, 'passed' | 'failed' | 'skipped'> = {
  '✓': 'passed',
  ok: 'passed',
  '✘': 'failed',
  x: 'failed',
  '-': 'skipped',
};
const DURATION = / \((\d+(?:\.\d+)?)(ms|s|m|h)\)$/;
const UNIT: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600 };
const RETRY = / \(retry #(\d+)\)$/;
const ORDINAL = /^\d+ +/;
const LINE_PROGRESS = /^\[\d+\/\d+\] (?:\(retries\) )?/;
const CATEGORY = /^(\d+) (failed|flaky|interrupted|passed|skipped|did not run)\b/;
const FAILURE_HEADER = /^(\d+)\) /;
const RETRY_RULE = /^Retry #(\d+) ─/;

/** A title is `[project] › file:line:col › describe › name`: it always holds ` › `. */
function title(s: string): string | null {
  const t = s.replace(/ ─+$/, '').trim();
  return t.includes(' › ') ? t : null;
}

/** One list-reporter line: its mark, title, retry number and seconds; null when not one. */
export function listLine(
  s: string,
): { outcome: 'passed' | 'failed' | 'skipped'; id: string; retry: number | null; seconds: number | null } | null {
  const sp = s.indexOf(' ');
  const outcome = MARKS[s.slice(0, sp)];
  if (sp < 0 || !outcome) return null;
  let rest = s.slice(sp).trimStart().replace(ORDINAL, '');
  const d = DURATION.exec(rest);
  if (!d && outcome !== 'skipped') return null;
  if (d) rest = rest.slice(0, d.index);
  const r = RETRY.exec(rest);
  if (r) rest = rest.slice(0, r.index);
  const id = title(rest);
  if (!id) return null;
  return { outcome, id, retry: r ? Number(r[1]) : null, seconds: d ? Number(d[1]) * UNIT[d[2]!]! : null };
}

class PlaywrightReader implements LogTestReader {
  private readonly tally = new Tally('playwright');
  private category: string | null = null;
  /** The failure block being read: its test, and whether its reason is yet to come. */
  private block: { id: string; wantReason: boolean; retries: number } | null = null;
  /** Retries shown in each test's failure block, and the block's first error line. */
  private readonly blocks = new Map<string, number>();
  private readonly reasons = new Map<string, string>();
  /** The last attempt the line reporter saw start, per test: the summary tells how it ended. */
  private readonly started = new Map<string, number>();

  push(line: string): void {
    const s = line.trim();
    if (s === '') return;
    const c = s.charCodeAt(0);
    if (c >= 48 && c <= 57) {
      const cat = CATEGORY.exec(s);
      if (cat) {
        this.category = cat[2]!;
        this.block = null;
        return;
      }
      const h = FAILURE_HEADER.exec(s);
      const id = h ? title(s.slice(h[0].length)) : null;
      if (id) {
        this.category = null;
        this.block = { id, wantReason: true, retries: 0 };
        if (this.blocks.size < 2000) this.blocks.set(id, 0);
        return;
      }
    }
    if (c === 91 /* [ */) {
      const p = LINE_PROGRESS.exec(s);
      const r = p ? RETRY.exec(s) : null;
      const id = r ? title(s.slice(p![0].length, r.index)) : null;
      if (id) {
        const retry = Number(r![1]);
        for (let i = 1; i <= retry; i++) this.tally.attempt(id, i, 'failed');
        if (this.started.size < 2000) this.started.set(id, Math.max(this.started.get(id) ?? 0, retry + 1));
      }
      if (p) return;
    }
    const list = listLine(s);
    if (list) {
      const index = list.retry !== null ? list.retry + 1 : this.tally.nextIndex(list.id);
      this.tally.attempt(list.id, index, list.outcome, list.seconds);
      this.category = null;
      return;
    }
    if (this.category) return this.summaryLine(s);
    if (this.block) this.blockLine(s);
  }

  private summaryLine(s: string): void {
    const id = title(s);
    if (!id) {
      this.category = null;
      return;
    }
    if (this.category === 'flaky' || this.category === 'failed') {
      const seen = this.tally.failures(id) > 0;
      if (!seen) {
        // Only the summary saw it (the dot or line reporter): its failure blocks tell how many
        // attempts failed, at least one.
        const n = (this.blocks.get(id) ?? 0) + 1;
        for (let i = 1; i <= n; i++) this.tally.attempt(id, i, 'failed');
        this.tally.vague(id);
      }
      const outcome = this.category === 'flaky' ? 'passed' : 'failed';
      const last = this.started.get(id);
      if (last) this.tally.attempt(id, last, outcome);
      this.tally.final(id, outcome);
    }
  }

  private blockLine(s: string): void {
    const b = this.block!;
    const r = RETRY_RULE.exec(s);
    if (r) {
      b.retries = Math.max(b.retries, Number(r[1]));
      this.blocks.set(b.id, b.retries);
      return;
    }
    if (b.wantReason && !s.startsWith('─')) {
      b.wantReason = false;
      if (this.reasons.size < 2000) this.reasons.set(b.id, s);
    }
  }

  finish(): TestResult[] {
    for (const [id, reason] of this.reasons) this.tally.reason(id, reason);
    return this.tally.results();
  }
}

export const playwrightParser: LogTestParser = { source: 'playwright', create: () => new PlaywrightReader() };
