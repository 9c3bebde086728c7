/**
 * Writing an issue body safely: GitHub refuses bodies over 65,536 characters with a 422.
 * One write, at most one retry with a shorter body, never an empty or partial body first:
 * a PATCH is atomic, so a failed write leaves the previous body as it was.
 *
 * Shortening is the renderer's job, never a cut in the rendered text: the caller hands a
 * `render(maxChars)` that lays the report out again within a smaller budget (less detail
 * first, whole findings last), so no block is ever split and nothing is matched in text
 * that untrusted names are part of (a branch `feat/<details>` once paired with a later
 * `</details>` and took four findings and their mute boxes with it).
 */
import { TRACKING_MARKER } from './state.js';

export const ISSUE_BODY_LIMIT = 65_536;

export const SHORTENED_NOTE =
  "> [!NOTE]\n> Details were left out to fit GitHub's 65,536-character limit on issue bodies; " +
  'the job summary of the audit run has them.';

/** A body, or the renderer that lays it out within `maxChars` characters. */
export type BodySource = string | ((maxChars: number) => string);

/** After a 422 on length, the next layout gets this share of the refused body's length. */
const RETRY_SHARE = 0.8;

export class BodyTooLongError extends Error {
  constructor(length: number, shortened: number | null) {
    super(
      `The tracking issue body is too long for GitHub (${length} characters, limit ${ISSUE_BODY_LIMIT}` +
        (shortened === null ? '' : `; ${shortened} after laying it out with less detail`) +
        '); the previous issue body was left unchanged. Narrow the `window` or `workflows` inputs, ' +
        'or mute findings, to shorten the report.',
    );
    this.name = 'BodyTooLongError';
  }
}

/** The body with the tracking marker, added when the renderer's output lacks it. */
export function withTrackingMarker(body: string): string {
  return body.includes(TRACKING_MARKER) ? body : `${body.trimEnd()}\n\n${TRACKING_MARKER}\n`;
}

/** The source with the tracking marker on every layout, its room taken from the budget. */
export function markedSource(source: BodySource): BodySource {
  if (typeof source === 'string') return withTrackingMarker(source);
  return (maxChars) => withTrackingMarker(source(Math.max(0, maxChars - TRACKING_MARKER.length - 2)));
}

/**
 * A layout of `source` within `maxChars`, with the note that details were left out; null
 * when the source is a fixed string or the renderer cannot get under the budget.
 */
export function shorterLayout(source: BodySource, maxChars: number): string | null {
  if (typeof source === 'string') return null;
  const budget = maxChars - SHORTENED_NOTE.length - 2;
  if (budget <= 0) return null;
  const text = `${SHORTENED_NOTE}\n\n${source(budget)}`;
  return text.length <= maxChars ? text : null;
}

interface ApiError {
  status?: number;
  message?: string;
  response?: { data?: { message?: string; errors?: { field?: string; code?: string; message?: string }[] } };
}

/** A 422 about the body's length (GitHub: `errors[].field === 'body'`, "body is too long"). */
export function isBodyTooLong(e: unknown): boolean {
  const err = e as ApiError;
  if (err?.status !== 422) return false;
  const errors = err.response?.data?.errors ?? [];
  return (
    errors.some((x) => x.field === 'body' || /too long/i.test(x.message ?? '')) || /too long/i.test(err.message ?? '')
  );
}

/**
 * Write the body of `source` with `write`; lay it out shorter first when it is plainly over
 * the limit, and once more, shorter still, when GitHub answers 422 for its length (it may
 * count differently).
 */
export async function writeBody<T>(
  source: BodySource,
  write: (b: string) => Promise<T>,
  log: (m: string) => void,
): Promise<T> {
  const full = typeof source === 'string' ? source : source(ISSUE_BODY_LIMIT);
  let body = full;
  if (full.length > ISSUE_BODY_LIMIT) {
    // The renderer overshot (it counts differently): ask again, smaller by the overshoot.
    const short = shorterLayout(source, Math.floor((ISSUE_BODY_LIMIT * ISSUE_BODY_LIMIT) / full.length));
    if (short === null) throw new BodyTooLongError(full.length, null);
    log(`issue body has ${full.length} characters: writing it with less detail (${short.length})`);
    body = short;
  }
  try {
    return await write(body);
  } catch (e) {
    if (!isBodyTooLong(e)) throw e;
    const shorter = shorterLayout(source, Math.floor(Math.min(body.length, ISSUE_BODY_LIMIT) * RETRY_SHARE));
    if (shorter === null) throw new BodyTooLongError(full.length, body === full ? null : body.length);
    log(`GitHub refused the issue body as too long: retrying with less detail (${shorter.length} characters)`);
    try {
      return await write(shorter);
    } catch (e2) {
      if (isBodyTooLong(e2)) throw new BodyTooLongError(full.length, shorter.length);
      throw e2;
    }
  }
}
