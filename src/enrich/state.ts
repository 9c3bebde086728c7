/**
 * Memory across audits, hidden in the tracking issue's body. One module both writes and
 * parses the hidden state and the mute checkboxes, so format and parser cannot drift
 * (renovate's Dependency Dashboard does the same).
 * OWNER: enrich/publish.
 */
import type { Finding, Iso, ResolvedFinding } from '../types.js';

export interface AuditState {
  v: 1;
  /** When the audit that wrote this state ran. */
  at: Iso;
  /** id -> what the next audit needs to know about it. */
  findings: Record<
    string,
    { firstSeen: Iso; category: Finding['category']; title: string; fingerprint: string; muted?: boolean }
  >;
}

/** The hidden marker appended to the issue body. */
export function encodeState(state: AuditState): string {
  void state;
  throw new Error('not implemented');
}

/** The state from an issue body; null when absent or corrupt (never throws). */
export function decodeState(body: string | null | undefined): AuditState | null {
  void body;
  throw new Error('not implemented');
}

/** Markdown of the mute checkbox for one finding (rendered in the issue). */
export function muteCheckbox(id: string, muted: boolean): string {
  void id;
  void muted;
  throw new Error('not implemented');
}

/** Ids whose mute box is ticked in an issue body (only boxes this module wrote count). */
export function readMutes(body: string | null | undefined): Set<string> {
  void body;
  throw new Error('not implemented');
}

export interface Applied {
  /** Findings with status, firstSeen and muted set. */
  findings: Finding[];
  /** In the previous audit, gone now. */
  resolved: ResolvedFinding[];
  /** The state to store for the next audit. */
  state: AuditState;
}

/** Mark each finding new or ongoing, carry first-seen dates and mutes, list what resolved. */
export function applyState(findings: Finding[], previous: AuditState | null, mutes: Set<string>, now: Iso): Applied {
  void findings;
  void previous;
  void mutes;
  void now;
  throw new Error('not implemented');
}
