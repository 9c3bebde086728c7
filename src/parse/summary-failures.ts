/**
 * The `## Failures` section of a test report. The seed repository's generator
 * (imbue-ai/mngr `scripts/junit_test_summary.py`) writes one block per failed attempt:
 * `<details><summary><code>html.escape(id)</code> (attempt N/M) &mdash; kind: html.escape(msg)</summary>`,
 * a blank line, and the traceback raw in a fence. Those blocks are read exactly (the id and
 * message unescaped once, the traceback kept as written); other reporters' headings and
 * blocks are read loosely. All scans are linear.
 */
import { afterDash, beforeAside, cleanCell, heading, isExceptionLine, unescapePython } from './summary-cells.js';

/** What the generator's blocks say about a test, even when its table row was cut. */
export interface BlockInfo {
  /** Attempts the test ran (M of "attempt N/M"; 1 without a label). */
  total: number;
  /** Attempts with a failure block. */
  attempts: Set<number>;
  kinds: Set<'failure' | 'error'>;
}

export interface FailuresSection {
  failures: Record<string, string>;
  blocks: Map<string, BlockInfo>;
  /** The generator's footer says failure blocks were dropped to fit. */
  blocksOmitted: boolean;
  /** Line indexes inside the generator's blocks: no table row lives there. */
  inBlock: Uint8Array;
}

interface Block {
  start: number;
  end: number;
  name: string;
  attempt: number;
  total: number;
  kind: 'failure' | 'error';
  message: string | null;
  /** The generator cut the message at 200 characters and added `...`. */
  cut: boolean;
  body: string[];
}

const OPEN = '<details><summary><code>';
const CLOSE = '</summary>';
const DASH = ' &mdash; ';

function summaryLine(line: string): Omit<Block, 'start' | 'end' | 'body'> | null {
  if (!line.startsWith(OPEN) || !line.endsWith(CLOSE)) return null;
  const inner = line.slice(OPEN.length, line.length - CLOSE.length);
  const c = inner.indexOf('</code>');
  if (c <= 0) return null;
  let rest = inner.slice(c + '</code>'.length);
  let attempt = 1;
  let total = 1;
  const label = /^ \(attempt (\d{1,9})\/(\d{1,9})\)/.exec(rest);
  if (label) {
    attempt = Number(label[1]);
    total = Number(label[2]);
    rest = rest.slice(label[0].length);
  }
  if (!rest.startsWith(DASH)) return null;
  rest = rest.slice(DASH.length);
  const kind = rest.startsWith('failure') ? 'failure' : rest.startsWith('error') ? 'error' : null;
  if (!kind) return null;
  rest = rest.slice(kind.length);
  if (rest !== '' && !rest.startsWith(': ')) return null;
  const message = rest === '' ? null : unescapePython(rest.slice(2));
  const cut = message !== null && message.endsWith('...') && [...message].length === 203;
  return { name: unescapePython(inner.slice(0, c)), attempt, total, kind, message, cut };
}

/** The generator's blocks: summary line, blank, fence, raw body, fence, blank, `</details>`. */
function generatorBlocks(lines: string[]): Block[] {
  // nextClose[i]: the first closing fence at or after i (one backward pass keeps this linear).
  const nextClose = new Int32Array(lines.length + 1).fill(-1);
  for (let i = lines.length - 3; i >= 0; i--)
    nextClose[i] = lines[i] === '```' && lines[i + 1] === '' && lines[i + 2] === '</details>' ? i : nextClose[i + 1]!;
  const out: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const head = summaryLine(lines[i]!);
    if (!head || lines[i + 1] !== '' || lines[i + 2] !== '```') continue;
    const close = nextClose[i + 3] ?? -1;
    if (close < 0) continue;
    out.push({ ...head, start: i, end: close + 2, body: lines.slice(i + 3, close) });
    i = close + 2;
  }
  return out;
}

const NOISE = /^(?:`{3,}|~{3,}|-{3,}|={3,}|_{3,}|<\/?details>|Traceback \(most recent call last\):?)$/i;
const stripE = (l: string): string => (l[0] === 'E' && /^E\s/.test(l) ? l.slice(1).trim() : l).slice(0, 300);

/**
 * The reason of one failed attempt from a generator block: the traceback's last exception line
 * (raw: HTML and backticks in a traceback are its text), else the message, else an `E` line.
 */
function blockReason(b: Block): string | null {
  const lines = b.body.map((l) => l.trim()).filter((l) => l && !NOISE.test(l) && !l.startsWith('... [truncated to '));
  const exc = lines.filter(isExceptionLine).pop();
  if (exc) return stripE(exc);
  if (b.message && !b.cut) return b.message.slice(0, 300);
  if (b.message) {
    // The message was cut at 200 characters: the traceback line that carries it whole, if any.
    const prefix = b.message.slice(0, -3);
    const whole = lines.map(stripE).find((l) => l.startsWith(prefix));
    if (whole) return whole;
  }
  const e = lines.find((l) => /^E\s+\S/.test(l));
  if (e) return stripE(e);
  if (b.message) return b.message;
  const last = lines.pop();
  return last ? stripE(last) : null;
}

interface Entry {
  name: string;
  /** The one-line message some reports put next to the name ("— failure: AssertionError: …"). */
  message: string | null;
}

/** test -> its error line, from the `## Failures` section (or sections). */
export function parseFailures(lines: string[]): FailuresSection {
  const failures: Record<string, string> = {};
  const blocks = new Map<string, BlockInfo>();
  const inBlock = new Uint8Array(lines.length);
  const byStart = new Map<number, Block>();
  for (const b of generatorBlocks(lines)) {
    byStart.set(b.start, b);
    inBlock.fill(1, b.start, b.end + 1);
  }
  let blocksOmitted = false;
  let level = 0; // heading level of the Failures section we are in, 0 = outside
  let entry: Entry | null = null;
  let body: string[] = [];
  const flush = (): void => {
    // A retried test has a block per failed attempt: the first one with a reason wins.
    if (entry && failures[entry.name] === undefined) {
      const reason = errorLine(body, entry.message);
      if (reason) failures[entry.name] = reason;
    }
    body = [];
  };
  let fence = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const block = level > 0 ? byStart.get(i) : undefined;
    if (block) {
      flush();
      entry = null;
      recordBlock(block, failures, blocks);
      i = block.end;
      continue;
    }
    if (/^_\.\.\. \d+ failure detail block\(s\) omitted/.test(line)) blocksOmitted = true;
    // Inside a code fence a `#` line is a comment of the traceback, not a heading.
    if (/^\s*(`{3,}|~{3,})/.test(line)) fence = !fence;
    else if (fence) {
      if (level > 0) body.push(line);
      continue;
    }
    const h = heading(line);
    const isFailures = h !== null && /^failures?\b/i.test(cleanCell(h.text));
    if (level === 0 || (h && h.level <= level)) {
      flush();
      entry = null;
      if (h) level = isFailures ? h.level : 0;
      continue;
    }
    const next = h ? entryOf(h.text) : summaryEntry(line);
    if (next !== undefined) {
      flush();
      entry = next;
      continue;
    }
    if (/^\s*<\/details>/i.test(line)) {
      // What follows a closed block (often the results table) is no test's traceback.
      flush();
      entry = null;
      continue;
    }
    body.push(line);
  }
  flush();
  return { failures, blocks, blocksOmitted, inBlock };
}

function recordBlock(b: Block, failures: Record<string, string>, blocks: Map<string, BlockInfo>): void {
  if (failures[b.name] === undefined) {
    const reason = blockReason(b);
    if (reason) failures[b.name] = reason;
  }
  const info = blocks.get(b.name) ?? { total: b.total, attempts: new Set<number>(), kinds: new Set() };
  info.total = Math.max(info.total, b.total);
  info.attempts.add(b.attempt);
  info.kinds.add(b.kind);
  blocks.set(b.name, info);
}

/** `<details><summary><code>t</code> (attempt 1/2) &mdash; failure: Msg</summary>` -> its entry. */
function summaryEntry(line: string): Entry | null | undefined {
  const lower = line.toLowerCase();
  const open = lower.indexOf('<summary>');
  const close = open < 0 ? -1 : lower.indexOf('</summary>', open + 9);
  return close < 0 ? undefined : entryOf(line.slice(open + 9, close));
}

function entryOf(raw: string): Entry | null {
  const lower = raw.toLowerCase();
  const open = lower.indexOf('<code>');
  const close = open < 0 ? -1 : lower.indexOf('</code>', open + 6);
  const tick = close < 0 ? /`([^`]+)`/.exec(raw) : null;
  const code = close >= 0 ? raw.slice(open + 6, close) : (tick?.[1] ?? null);
  const text = cleanCell(raw).replace(/^(?:❌|✖|✗|FAILED:?)\s*/u, '');
  const name = code !== null ? cleanCell(code) : beforeAside(text).trim();
  if (!name) return null;
  const message = afterDash(text.slice(text.indexOf(name) + name.length))?.trim() ?? '';
  // "— error" alone names the kind of failure, not its reason.
  return { name, message: message && !/^(?:failure|error|failed)$/i.test(message) ? message : null };
}

/**
 * The last meaningful error line of a traceback: its last exception line, else the message
 * next to the test's name, else the first `E ` line, else the last line. A fenced traceback
 * is raw text (only trimmed); prose outside a fence loses its Markdown decoration.
 */
export function errorLine(body: string[], message: string | null = null): string | null {
  const inFence: string[] = [];
  let fenced = false;
  for (const l of body) {
    if (/^\s*(`{3,}|~{3,})/.test(l)) fenced = !fenced;
    else if (fenced) inFence.push(l);
  }
  const text = (inFence.length > 0 ? inFence.map((l) => l.trim()) : body.map((l) => cleanCell(l))).filter(
    (l) => l && !NOISE.test(l) && !l.startsWith('|'),
  );
  const exc = text.filter(isExceptionLine).pop();
  if (exc) return stripE(exc);
  if (message) return stripE(message);
  const e = text.find((l) => /^E\s+\S/.test(l));
  if (e) return stripE(e);
  const last = text.pop();
  return last ? stripE(last) : null;
}
