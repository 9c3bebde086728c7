/**
 * Writing an issue body safely: GitHub refuses bodies over 65,536 characters with a 422.
 * One write, at most one retry with a clearly shortened body, never an empty or partial
 * body first: a PATCH is atomic, so a failed write leaves the previous body as it was.
 * OWNER: enrich/publish.
 */
import { TRACKING_MARKER } from '../enrich/state.js';

export const ISSUE_BODY_LIMIT = 65_536;

export const SHORTENED_NOTE =
  "> [!NOTE]\n> Details were left out to fit GitHub's 65,536-character limit on issue bodies; " +
  'the job summary of the audit run has them.';

const MUTE_BOX = /^\s*[-*] \[[xX]\] Mute this finding <!-- audit-ci:mute:[^\s>]+ -->\s*$/gm;
/** An innermost <details> block (no <details> inside it). */
const INNERMOST_DETAILS = /<details\b[^>]*>(?:(?!<details\b)[\s\S])*?<\/details>/i;

export class BodyTooLongError extends Error {
  constructor(length: number, shortened: number | null) {
    super(
      `The tracking issue body is too long for GitHub (${length} characters, limit ${ISSUE_BODY_LIMIT}` +
        (shortened === null ? '' : `; ${shortened} after leaving out the <details> blocks`) +
        '); the previous issue body was left unchanged. Narrow the `window` or `workflows` inputs, ' +
        'or mute findings, to shorten the report.',
    );
    this.name = 'BodyTooLongError';
  }
}

/**
 * The body without its <details> blocks (innermost first) and one note at the top. Ticked
 * mute boxes inside a removed block stay in its place (a lost tick would unmute the finding
 * on the next audit). Returns the body unchanged when it has none.
 */
export function shortenBody(body: string): string {
  let out = body;
  for (let m = INNERMOST_DETAILS.exec(out); m; m = INNERMOST_DETAILS.exec(out)) {
    const ticks = (m[0].match(MUTE_BOX) ?? []).map((l) => l.trim()).join('\n');
    out = out.slice(0, m.index) + ticks + out.slice(m.index + m[0].length);
  }
  if (out === body) return body;
  return `${SHORTENED_NOTE}\n\n${out.replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

/** The body with the tracking marker, added when the renderer's output lacks it. */
export function withTrackingMarker(body: string): string {
  return body.includes(TRACKING_MARKER) ? body : `${body.replace(/\s+$/, '')}\n\n${TRACKING_MARKER}\n`;
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
 * Write `body` with `write`; shorten first when it is plainly over the limit, and retry once
 * shortened when GitHub still answers 422 for its length (it may count differently).
 */
export async function writeBody<T>(
  body: string,
  write: (b: string) => Promise<T>,
  log: (m: string) => void,
): Promise<T> {
  const short = body.length > ISSUE_BODY_LIMIT ? shortenBody(body) : body;
  if (short.length > ISSUE_BODY_LIMIT) throw new BodyTooLongError(body.length, short === body ? null : short.length);
  if (short !== body) log(`issue body has ${body.length} characters: writing it without its <details> blocks`);
  try {
    return await write(short);
  } catch (e) {
    if (!isBodyTooLong(e)) throw e;
    const shorter = shortenBody(short);
    if (shorter === short) throw new BodyTooLongError(body.length, short === body ? null : short.length);
    log(`GitHub refused the issue body as too long: retrying without its <details> blocks`);
    try {
      return await write(shorter);
    } catch (e2) {
      if (isBodyTooLong(e2)) throw new BodyTooLongError(body.length, shorter.length);
      throw e2;
    }
  }
}
