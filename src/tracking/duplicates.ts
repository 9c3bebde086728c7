/**
 * Two audits that ran at once may each have kept an issue of their own (the issue listing
 * lags the writes); the next audit keeps the older one and closes the other. What
 * maintainers did on the duplicate counts as much as on the kept one: its ticked mutes and
 * its first-seen dates are merged in, so closing it loses nothing.
 */
import { Mutes, readMutes } from './mutes.js';
import { decodeState, type AuditState } from './state.js';

/** The bodies' mutes together: a box ticked in any of them is ticked. */
export function mergedMutes(bodies: (string | null | undefined)[]): Mutes {
  const out = new Mutes();
  for (const body of bodies) {
    const m = readMutes(body);
    for (const id of m) out.add(id);
    for (const id of m.present) out.present.add(id);
  }
  return out;
}

/**
 * The first body's state with the others' entries merged in: the earliest first-seen
 * date, and muted when muted in any (with that entry's fingerprint, the one the mute was
 * made against). Null when no body has a state.
 */
export function mergedState(bodies: (string | null | undefined)[]): AuditState | null {
  const states = bodies.map(decodeState).filter((s): s is AuditState => s !== null);
  const [first, ...rest] = states;
  if (!first) return null;
  const out: AuditState = { ...first, findings: { ...first.findings } };
  for (const other of rest) {
    for (const [id, e] of Object.entries(other.findings)) {
      const mine = out.findings[id];
      if (!mine) {
        out.findings[id] = e;
        continue;
      }
      const firstSeen = e.firstSeen < mine.firstSeen ? e.firstSeen : mine.firstSeen;
      out.findings[id] = !mine.muted && e.muted ? { ...e, firstSeen } : { ...mine, firstSeen };
    }
  }
  return out;
}
