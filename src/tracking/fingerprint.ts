/**
 * What a maintainer muted: a finding's fingerprint, and whether a later version of it is
 * still the thing they muted.
 */
import type { Finding, Severity } from '../types.js';

/** Share of sampled runs, in coarse steps so a run more or less does not count as a change. */
export function frequencyBucket(f: Pick<Finding, 'frequency'>): number {
  const { runs, of } = f.frequency;
  const share = of > 0 ? runs / of : 0;
  if (share >= 0.5) return 3;
  if (share >= 0.2) return 2;
  if (share >= 0.05) return 1;
  return 0;
}

/** `severity|kind|systemic|bucket`: what a maintainer muted. */
export function fingerprint(f: Finding): string {
  return [f.severity, f.kind, f.systemic ? 'systemic' : 'local', `f${frequencyBucket(f)}`].join('|');
}

const SEVERITY_RANK: Record<Severity, number> = { low: 0, medium: 1, high: 2 };

/**
 * A mute holds while the finding has not got worse than when it was muted: same kind, not
 * more severe, not newly systemic, not in a higher frequency bucket. A finding that got
 * rarer or milder stays muted: showing it again would be noise, not news.
 */
export function muteHolds(mutedFp: string, currentFp: string): boolean {
  const [sev0, kind0, sys0, f0] = mutedFp.split('|');
  const [sev1, kind1, sys1, f1] = currentFp.split('|');
  const rank = (s: string | undefined): number => SEVERITY_RANK[s as Severity] ?? 99;
  const bucket = (s: string | undefined): number => Number(s?.slice(1) ?? NaN);
  if (rank(sev0) === 99 || !(bucket(f0) >= 0)) return false; // unreadable: lift, never hide wrongly
  return (
    kind0 === kind1 &&
    rank(sev1) <= rank(sev0) &&
    !(sys1 === 'systemic' && sys0 !== 'systemic') &&
    bucket(f1) <= bucket(f0)
  );
}
