/**
 * The hidden state rides in the issue body, whose 65,536 characters it shares with the
 * report: it gets a bound of its own, so the issue is always written. Beyond the bound the
 * least important entries go first: remembered gone findings, then findings not re-checked,
 * then open findings from the least important up; mutes go last (a lost mute brings back a
 * finding a maintainer silenced). The state says how many it dropped.
 */
import type { AuditState, StateEntry } from './state.js';

/** Characters of the encoded state line, at most: a third of the body. */
export const MAX_STATE_CHARS = 20_000;

/** Ids from the first to keep to the first to drop: mutes, then `order` (most important first), then the rest. */
function keepOrder(state: AuditState, order: readonly string[]): string[] {
  const ids = Object.keys(state.findings);
  const rank = new Map(order.map((id, i) => [id, i]));
  const at = (id: string): number => rank.get(id) ?? order.length;
  const muted = (e: StateEntry): boolean => e.muted === true;
  return ids.sort((a, b) => {
    const ma = muted(state.findings[a]!) ? 0 : 1;
    const mb = muted(state.findings[b]!) ? 0 : 1;
    return ma - mb || at(a) - at(b) || a.localeCompare(b);
  });
}

function withFirst(state: AuditState, ids: string[], n: number, gone: boolean): AuditState {
  const findings: Record<string, StateEntry> = {};
  for (const id of ids.slice(0, n)) findings[id] = state.findings[id]!;
  const out: AuditState = { ...state, findings };
  if (!gone) delete out.gone;
  return out;
}

/**
 * The state as it is when its encoding fits `maxChars`; else the largest prefix of its
 * entries (in keep order) that fits, with `dropped` counting every entry left out (gone
 * findings included).
 */
export function boundState(
  state: AuditState,
  order: readonly string[],
  encode: (s: AuditState) => string,
  maxChars = MAX_STATE_CHARS,
): AuditState {
  if (encode(state).length <= maxChars) return state;
  const ids = keepOrder(state, order);
  const goneCount = Object.keys(state.gone ?? {}).length;
  const fits = (s: AuditState): boolean => encode({ ...s, dropped: ids.length + goneCount }).length <= maxChars;
  // Gone findings first: they only keep first-seen dates of findings that may come back.
  const all = withFirst(state, ids, ids.length, false);
  if (fits(all)) return { ...all, dropped: goneCount };
  let lo = 0;
  let hi = ids.length - 1;
  let best = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (fits(withFirst(state, ids, mid, false))) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return { ...withFirst(state, ids, best, false), dropped: ids.length - best + goneCount };
}
