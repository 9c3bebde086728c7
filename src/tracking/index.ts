/**
 * The tracking issue, in one module (as Renovate keeps its Dependency Dashboard): it finds
 * the issue, owns the hidden state and the mute boxes in its body, guards against
 * replacing a better issue, reads the body again right before writing, and writes.
 *
 * Reads (called by the collection phase, which is the only code that reads the API):
 *   find.ts      `findTrackingIssues` (REST), or the first GraphQL runs query's
 *                `TRACKING_FIELD` answer through `trackingFromGraphql`
 * Reads made by the write phase, right before it writes:
 *   find.ts      `rereadBody` (ticks and notes saved while the audit ran), `listLabelled`
 *                (a concurrent audit's older issue)
 * Writes (called by the publish phase, the only code that writes):
 *   write.ts     `publishIssue`: create, update in place, skip when unchanged, close
 *                duplicates, pin and unpin (best effort); `labelFirst`: a first issue's
 *                label, written while the rules run
 *   body.ts      `writeBody`: one write, one shorter retry on a 422 for length
 * Pure (no request):
 *   state.ts     the hidden state's format: `encodeState`, `readState` (zod), `comparableBody`
 *   mutes.ts     the mute box line: `muteCheckbox` writes it, `parseMuteLine` reads it;
 *                `readMutes`, `withFreshTicks`
 *   apply.ts     `applyState`: new or ongoing, first seen, muted, resolved, the next state
 *   fingerprint.ts, state-bound.ts, notes.ts, duplicates.ts (`previousOf`), guard.ts
 *                (`publishDecision`)
 */
export { applyState, type Applied, type ApplyOptions } from './apply.js';
export { previousOf, type PreviousAudit } from './duplicates.js';
export { findTrackingIssues, type FoundIssues, type TrackingIssue } from './find.js';
export { publishDecision, type Decision } from './guard.js';
export { muteCheckbox, readMutes } from './mutes.js';
export { encodeState, readState, type AuditState } from './state.js';
export { publishIssue, labelFirst, labelBeforeCollection, type PublishResult } from './write.js';
