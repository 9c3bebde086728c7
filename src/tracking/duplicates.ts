/**
 * Two audits that ran at once may each have kept an issue of their own (the issue listing
 * lags the writes); the next audit keeps the older one and closes the other. What
 * maintainers did on the duplicate counts as much as on the kept one: its ticked mutes and
 * its first-seen dates are merged in, so closing it loses nothing. `previousOf` is where an
 * audit gets the state and mutes it starts from.
 */
import type { FoundIssues } from './find.js';
import { Mutes, readMutes } from './mutes.js';
import { decodeState, readState, type AuditState } from './state.js';

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

/** What the previous audits left in the tracking issues, and why a state could not be read. */
export interface PreviousAudit {
  state: AuditState | null;
  mutes: Mutes;
  /** One line per issue whose hidden state is damaged or foreign (treated as absent). */
  problems: string[];
}

/**
 * The state and mutes this audit starts from: the open issue's (or, when a human closed it,
 * the last closed one's: the fresh issue keeps its dates and mutes), with those of the
 * duplicates publishing will close. A state that cannot be read counts as none: every
 * finding shows as new, and its ticked boxes still count.
 */
export function previousOf(found: FoundIssues): PreviousAudit {
  const main = found.open ?? found.lastClosed;
  const issues = [main, ...found.duplicates].filter((i) => i !== null);
  const bodies = [main?.body, ...found.duplicates.map((d) => d.body)];
  const problems = issues.flatMap((i) => {
    const { problem } = readState(i.body);
    return problem
      ? [
          `The hidden state of tracking issue #${i.number} is unreadable: ${problem}. ` +
            'This audit starts without it: every finding shows as new; ticked mute boxes still count.',
        ]
      : [];
  });
  return { state: mergedState(bodies), mutes: mergedMutes(bodies), problems };
}
