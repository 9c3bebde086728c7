/**
 * Memory across audits, hidden in the tracking issue's body. One module both writes and
 * parses the hidden state and the mute checkboxes, so format and parser cannot drift
 * (renovate's Dependency Dashboard does the same).
 */
import { createHash } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Finding, History, Iso, ResolvedFinding } from '../types.js';
import { carryUnchecked, evidenceOf, type Evidence } from '../enrich/evidence.js';
import { fingerprint, muteHolds } from './fingerprint.js';
import { boundState } from './state-bound.js';

export { fingerprint, frequencyBucket, muteHolds } from './fingerprint.js';

export interface StateEntry {
  firstSeen: Iso;
  category: Finding['category'];
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

/** Extra report-level data applyState may store (optional, so older callers still work). */
export interface ApplyOptions {
  /** Runs the audit covered: stored for the publish guard of the next audit. */
  runs?: number;
  /** Job logs the audit read: stored for the publish guard of the next audit. */
  logs?: number;
  /**
   * What the audit sampled. With it, a previous finding whose evidence was not looked at
   * this time (its logs unreadable or not sampled) is carried over, never called resolved.
   */
  history?: Pick<History, 'runs' | 'logs'>;
}

/** Appended (by the renderer) to lines that change every audit: ignored when comparing bodies. */
export const VOLATILE_MARK = '<!-- audit-ci:volatile -->';
/** Marks the tracking issue even when its state is unreadable. */
export const TRACKING_MARKER = '<!-- audit-ci:tracking-issue -->';

const STATE_PREFIX = '<!-- audit-ci:state v1 ';
/** The exact line encodeState writes: base64url payload, a dot, a 16-hex checksum. */
const STATE_LINE = /^<!-- audit-ci:state v1 ([A-Za-z0-9_-]+)\.([0-9a-f]{16}) -->$/;
/** Mute box ids: what findingId() produces, with a generous bound. */
const ID = /^[a-z0-9][a-z0-9-]{0,79}$/;
const MUTE_LINE = /^\s*[-*] \[([ xX])\] Mute this finding <!-- audit-ci:mute:([^\s>]+) -->\s*$/;
/** Titles are stored for the "resolved" list only: bounded so the state stays small. */
const MAX_TITLE = 120;
/** Gone findings are remembered this long, and at most this many. */
const GONE_DAYS = 30;
const MAX_GONE = 100;

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

function isEntry(v: unknown): v is StateEntry {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as Record<string, unknown>;
  return (
    typeof e.firstSeen === 'string' &&
    typeof e.category === 'string' &&
    typeof e.title === 'string' &&
    typeof e.fingerprint === 'string' &&
    (e.muted === undefined || typeof e.muted === 'boolean') &&
    (e.carried === undefined || typeof e.carried === 'string') &&
    (e.ev === undefined || isEvidence(e.ev))
  );
}

function isEvidence(v: unknown): v is Evidence {
  if (typeof v !== 'object' || v === null) return false;
  const ev = v as Record<string, unknown>;
  return (
    (ev.w === undefined || typeof ev.w === 'string') &&
    (ev.l === undefined || (Array.isArray(ev.l) && ev.l.every((x) => typeof x === 'string')))
  );
}

function isEntryMap(v: unknown, extra?: (e: Record<string, unknown>) => boolean): boolean {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  return Object.entries(v).every(
    ([id, e]) => ID.test(id) && isEntry(e) && (!extra || extra(e as unknown as Record<string, unknown>)),
  );
}

function isState(v: unknown): v is AuditState {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Record<string, unknown>;
  return (
    s.v === 1 &&
    typeof s.at === 'string' &&
    isEntryMap(s.findings) &&
    (s.runs === undefined || (typeof s.runs === 'number' && s.runs >= 0)) &&
    (s.dropped === undefined || (typeof s.dropped === 'number' && s.dropped >= 0)) &&
    (s.gone === undefined || isEntryMap(s.gone, (e) => typeof e.goneAt === 'string'))
  );
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

/**
 * The state from an issue body; null when absent or corrupt (never throws). Only the LAST
 * state line counts, and only when it has exactly the written format and a matching
 * checksum: a marker quoted earlier in the body, or a hand-edited one, is ignored.
 */
export function decodeState(body: string | null | undefined): AuditState | null {
  if (typeof body !== 'string') return null;
  const found = lastStateLine(body);
  const m = found && STATE_LINE.exec(found.line);
  if (!m || checksum(m[1]!) !== m[2]) return null;
  try {
    const json = inflateRawSync(Buffer.from(m[1]!, 'base64url'), { maxOutputLength: MAX_STATE_BYTES });
    const parsed: unknown = JSON.parse(json.toString('utf8'));
    return isState(parsed) ? parsed : null;
  } catch {
    return null;
  }
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

/** Markdown of the mute checkbox for one finding (rendered in the issue). */
export function muteCheckbox(id: string, muted: boolean): string {
  return `- [${muted ? 'x' : ' '}] Mute this finding <!-- audit-ci:mute:${id} -->`;
}

/**
 * Ticked mute boxes, remembering which boxes were in the body at all: a finding the
 * renderer left out for size (muted ones go first) had no box, so the absence of a tick
 * is not a maintainer unticking it.
 */
export class Mutes extends Set<string> {
  /** Every id with a mute box in the body, ticked or not. */
  readonly present = new Set<string>();
}

/** Ids whose mute box is ticked in an issue body (only boxes this module wrote count). */
export function readMutes(body: string | null | undefined): Mutes {
  const ids = new Mutes();
  if (typeof body !== 'string') return ids;
  for (const line of body.split(/\r?\n/)) {
    const m = MUTE_LINE.exec(line);
    if (!m || !ID.test(m[2]!)) continue;
    ids.present.add(m[2]!);
    if (m[1] !== ' ') ids.add(m[2]!);
  }
  return ids;
}

/* ------------------------------------------------------------------ */
/* applyState                                                          */
/* ------------------------------------------------------------------ */

export interface Applied {
  /** Findings with status, firstSeen and muted set. */
  findings: Finding[];
  /** In the previous audit, gone now. */
  resolved: ResolvedFinding[];
  /** The state to store for the next audit. */
  state: AuditState;
  /** Previous findings absent now whose evidence was not looked at: carried over, not resolved. */
  unchecked: (ResolvedFinding & { why: string })[];
}

/**
 * Whether a finding is muted now, and the fingerprint to remember. When the previous body
 * had the finding's box, the box decides (a human may have unticked it). When it had none
 * (the finding was gone, or left out for size), the remembered mute decides. While muted,
 * the stored fingerprint stays the one from when it was muted, so slow creep cannot
 * ratchet it. A finding back from `gone` is "new" (not in the previous audit) but keeps
 * its first-seen date.
 */
function resolveMute(
  id: string,
  fp: string,
  prev: StateEntry | undefined,
  wasGone: boolean,
  mutes: Set<string>,
): { muted: boolean; fingerprint: string } {
  const hadBox = !wasGone && (!(mutes instanceof Mutes) || mutes.present.has(id) || !prev);
  const wanted = hadBox ? mutes.has(id) : Boolean(prev?.muted);
  if (!wanted) return { muted: false, fingerprint: fp };
  // A tick on a box is about the finding as the previous audit showed it.
  const reference = prev?.fingerprint ?? fp;
  return muteHolds(reference, fp) ? { muted: true, fingerprint: reference } : { muted: false, fingerprint: fp };
}

function keepGone(previous: AuditState | null, current: Set<string>, now: Iso): NonNullable<AuditState['gone']> {
  // `current` holds the ids still in the state (found now, or carried over unchecked).
  const cutoff = Date.parse(now) - GONE_DAYS * 86_400_000;
  const gone: NonNullable<AuditState['gone']> = {};
  for (const [id, e] of Object.entries(previous?.gone ?? {})) {
    if (!current.has(id) && Date.parse(e.goneAt) >= cutoff) gone[id] = e;
  }
  for (const [id, e] of Object.entries(previous?.findings ?? {})) {
    // The title is not needed once resolved has been reported: keep the marker small.
    if (!current.has(id)) gone[id] = { ...e, title: '', goneAt: now };
  }
  // Newest first, bounded: the state lives in a body with a size limit.
  const kept = Object.entries(gone)
    .sort(([, a], [, b]) => b.goneAt.localeCompare(a.goneAt))
    .slice(0, MAX_GONE);
  return Object.fromEntries(kept);
}

/** Mark each finding new or ongoing, carry first-seen dates and mutes, list what resolved. */
export function applyState(
  findings: Finding[],
  previous: AuditState | null,
  mutes: Set<string>,
  now: Iso,
  options: ApplyOptions = {},
): Applied {
  const state: AuditState = { v: 1, at: now, findings: {} };
  if (options.runs !== undefined) state.runs = options.runs;
  if (options.logs !== undefined) state.logs = options.logs;
  const out = findings.map((f): Finding => {
    const inPrevious = previous?.findings[f.id];
    const gone = inPrevious ? undefined : previous?.gone?.[f.id];
    const prev = inPrevious ?? gone;
    const fp = fingerprint(f);
    const mute = resolveMute(f.id, fp, prev, !inPrevious && Boolean(gone), mutes);
    const firstSeen = prev?.firstSeen ?? now;
    state.findings[f.id] = {
      firstSeen,
      category: f.category,
      title: f.title.slice(0, MAX_TITLE),
      fingerprint: mute.fingerprint,
      ...(mute.muted ? { muted: true } : {}),
      ...(options.history ? { ev: evidenceOf(f, options.history) } : {}),
    };
    const next: Finding = { ...f, status: inPrevious ? 'ongoing' : 'new', firstSeen };
    if (mute.muted) next.muted = true;
    else delete next.muted;
    return next;
  });
  const { resolved, unchecked } = carryUnchecked(findings, previous, state, now, options.history);
  const gone = keepGone(previous, new Set(Object.keys(state.findings)), now);
  if (Object.keys(gone).length > 0) state.gone = gone;
  const bounded = boundState(state, [...findings.map((f) => f.id), ...unchecked.map((u) => u.id)], encodeState);
  return { findings: out, resolved, state: bounded, unchecked };
}
