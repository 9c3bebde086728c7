/**
 * Memory across audits, hidden in the tracking issue's body: its format, written by
 * `encodeState` and read (validated with zod) by `readState`, so format and parser cannot
 * drift (renovate's Dependency Dashboard keeps its issue the same way). The mute boxes
 * have their own writer and reader in mutes.ts. Pure: no request is made here.
 */
import { createHash } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { z } from 'zod';
import { historyProblems } from '../history-schema.js';
import type { Category, Iso } from '../types.js';
import { FINDING_ID } from './mutes.js';

/** Where a finding's evidence lives, as stored in the state (short keys: the state has a size bound). */
export interface Evidence {
  /** Workflow name of its runs. */
  w?: string;
  /** Names of the jobs whose logs it was seen in (at most 3); absent when not from logs. */
  l?: string[];
}

export interface StateEntry {
  firstSeen: Iso;
  category: Category;
  title: string;
  /** What the mute compares against: see `fingerprint()`. */
  fingerprint: string;
  muted?: boolean;
  /** Where its evidence lives: a finding is resolved only once an audit looked there again. */
  ev?: Evidence;
  /** Since when it is carried over unchecked (its evidence was not looked at). */
  carried?: Iso;
}

export interface AuditState {
  v: 1;
  /** When the audit that wrote this state ran. */
  at: Iso;
  /** id -> what the next audit needs to know about it. */
  findings: Record<string, StateEntry>;
  /** How many runs the audit covered (the publish guard compares collections). */
  runs?: number;
  /** How many job logs the audit read (the publish guard compares collections). */
  logs?: number;
  /**
   * Findings that went away recently, kept so a flapping finding (a flaky test that
   * leaves and re-enters the window) keeps its first-seen date and its mute.
   */
  gone?: Record<string, StateEntry & { goneAt: Iso }>;
  /** Entries left out to keep the state within its bound (see state-bound.ts). */
  dropped?: number;
}

/* Objects are loose, as the hand-written check was: a key a later version adds is kept. */
const evidenceSchema = z.looseObject({ w: z.string().optional(), l: z.array(z.string()).optional() });
const entryShape = {
  firstSeen: z.string(),
  // Any string, as before: a category a later version adds must not make the whole state unreadable.
  category: z.custom<Category>((v) => typeof v === 'string', 'expected a string'),
  title: z.string(),
  fingerprint: z.string(),
  muted: z.boolean().optional(),
  ev: evidenceSchema.optional(),
  carried: z.string().optional(),
};
const count = z.number().nonnegative();
const ids = <T extends z.ZodType>(entry: T) => z.record(z.string().regex(FINDING_ID, 'not a finding id'), entry);

export const stateSchema = z.looseObject({
  v: z.literal(1),
  at: z.string(),
  findings: ids(z.looseObject(entryShape)),
  runs: count.optional(),
  logs: count.optional(),
  gone: ids(z.looseObject({ ...entryShape, goneAt: z.string() })).optional(),
  dropped: count.optional(),
});

// Fails the typecheck when AuditState gains a key the schema does not check.
export const schemaMatchesState = (s: z.infer<typeof stateSchema>): AuditState => s;

/** Appended (by the renderer) to lines that change every audit: ignored when comparing bodies. */
export const VOLATILE_MARK = '<!-- audit-ci:volatile -->';
/** Marks the tracking issue even when its state is unreadable. */
export const TRACKING_MARKER = '<!-- audit-ci:tracking-issue -->';

const STATE_PREFIX = '<!-- audit-ci:state v1 ';
/** The exact line encodeState writes: base64url payload, a dot, a 16-hex checksum. */
const STATE_LINE = /^<!-- audit-ci:state v1 ([A-Za-z0-9_-]+)\.([0-9a-f]{16}) -->$/;

function checksum(payload: string): string {
  return createHash('sha256').update(`audit-ci:state:v1:${payload}`).digest('hex').slice(0, 16);
}

/** A state decompresses to at most this much (a forged payload cannot inflate without bound). */
const MAX_STATE_BYTES = 1 << 20;

/**
 * The hidden marker appended to the issue body (the tracking marker first, then the state
 * line). The JSON is deflated: its keys repeat per finding, and every character of the
 * marker counts against the body's 65,536-character limit.
 */
export function encodeState(state: AuditState): string {
  const payload = deflateRawSync(Buffer.from(JSON.stringify(state), 'utf8'), { level: 9 }).toString('base64url');
  return `${TRACKING_MARKER}\n${STATE_PREFIX}${payload}.${checksum(payload)} -->`;
}

/** The last line of the body that is a state marker, with its index (or null). */
function lastStateLine(body: string): { line: string; index: number } | null {
  const lines = body.split(/\r?\n/);
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!.trim();
    if (line.startsWith(STATE_PREFIX)) return { line, index: i };
  }
  return null;
}

/** A state, or why there is none: `problem` is null when the body has no state line at all. */
export type StateRead = { state: AuditState; problem: null } | { state: null; problem: string | null };

const unreadable = (problem: string): StateRead => ({ state: null, problem });

function inflated(payload: string): string {
  try {
    return inflateRawSync(Buffer.from(payload, 'base64url'), { maxOutputLength: MAX_STATE_BYTES }).toString('utf8');
  } catch (e) {
    throw new Error(
      (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE'
        ? 'it inflates beyond 1 MiB (not a state audit-ci wrote)'
        : 'it does not decompress',
      { cause: e },
    );
  }
}

/**
 * The state from an issue body, never throwing. Only the LAST state line counts, and only
 * when it has exactly the written format, a matching checksum and the schema's shape: a
 * marker quoted earlier in the body is ignored, and a hand-edited, truncated or foreign
 * one gives no state and a one-line `problem` naming why.
 */
export function readState(body: string | null | undefined): StateRead {
  if (typeof body !== 'string') return { state: null, problem: null };
  const found = lastStateLine(body);
  if (!found) return { state: null, problem: null };
  const m = STATE_LINE.exec(found.line);
  if (!m) return unreadable('its state line is not in the format audit-ci writes (edited by hand?)');
  if (checksum(m[1]!) !== m[2]) return unreadable('its checksum does not match the payload (edited by hand?)');
  let parsed: unknown;
  try {
    parsed = JSON.parse(inflated(m[1]!));
  } catch (e) {
    return unreadable(e instanceof SyntaxError ? 'its payload is not JSON' : (e as Error).message);
  }
  const r = stateSchema.safeParse(parsed, { reportInput: true });
  if (!r.success) return unreadable(`it is not a state this version reads (${historyProblems(r.error, 2)})`);
  // The parsed value, not zod's copy: its key order is what the earlier audit wrote, so an
  // unchanged state encodes to the same characters and the body compares as unchanged.
  return { state: parsed as AuditState, problem: null };
}

/** The state from an issue body; null when absent or unreadable (see `readState`). */
export function decodeState(body: string | null | undefined): AuditState | null {
  return readState(body).state;
}

/**
 * The body as far as "did anything change" is concerned: volatile lines dropped, the
 * state's timestamp, run and log counts blanked (they change every audit; a stale run count only
 * makes the publish guard compare with an older audit), line endings unified (GitHub
 * returns CRLF after a web edit).
 */
export function comparableBody(body: string): string {
  const state = decodeState(body);
  const stateLine = lastStateLine(body)?.index ?? -1;
  const stable =
    state &&
    encodeState({ ...state, at: '', runs: undefined, logs: undefined })
      .split('\n')
      .pop()!;
  return body
    .split(/\r?\n/)
    .flatMap((line, i) => {
      if (line.includes(VOLATILE_MARK)) return [];
      return [i === stateLine && stable ? stable : line.trimEnd()];
    })
    .join('\n')
    .trim();
}
