/**
 * One audit's findings against the previous audit's state: which are new or ongoing, since
 * when each was seen, which a maintainer muted (and whether the mute still holds), which
 * resolved, and the state to hide in the issue for the next audit. Pure.
 */
import { carryUnchecked, evidenceOf, type Unchecked } from '../enrich/evidence.js';
import type { Finding, History, Iso, ResolvedFinding } from '../types.js';
import { fingerprint, muteHolds } from './fingerprint.js';
import { Mutes } from './mutes.js';
import { boundState } from './state-bound.js';
import { encodeState, type AuditState, type StateEntry } from './state.js';

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
  history?: Pick<History, 'runs' | 'logs' | 'unread'>;
}

/** Titles are stored for the "resolved" list only: bounded so the state stays small. */
const MAX_TITLE = 120;
/** Gone findings are remembered this long, and at most this many. */
const GONE_DAYS = 30;
const MAX_GONE = 100;

export interface Applied {
  /** Findings with status, firstSeen and muted set. */
  findings: Finding[];
  /** In the previous audit, gone now. */
  resolved: ResolvedFinding[];
  /** The state to store for the next audit. */
  state: AuditState;
  /** Previous findings absent now whose evidence was not looked at: carried over, not resolved. */
  unchecked: Unchecked[];
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
