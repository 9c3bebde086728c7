/**
 * What maintainers write in the tracking issue survives the audit's rewrites: a marked
 * "Maintainer notes" section the audit copies over untouched (mute ticks made while the
 * audit ran are carried over by mutes.ts). The markers are HTML comments, which no
 * untrusted text in the report can produce (render/markdown.ts breaks every `<!--`), so
 * they cannot be forged by a branch or test name.
 */
import { TRACKING_MARKER } from './state.js';

export const NOTES_START = '<!-- audit-ci:notes:start -->';
export const NOTES_END = '<!-- audit-ci:notes:end -->';

const NOTES_HEADING =
  '### Maintainer notes\n\n_Anything written between the two hidden markers below is kept by every audit._';

/** The empty section a new issue gets. */
export const EMPTY_NOTES = `${NOTES_HEADING}\n\n${NOTES_START}\n${NOTES_END}`;

/** The notes section of a body (heading, markers and what is between them), or null. */
export function notesOf(body: string | null | undefined): string | null {
  if (typeof body !== 'string') return null;
  const start = body.indexOf(NOTES_START);
  const end = start < 0 ? -1 : body.indexOf(NOTES_END, start);
  if (end < 0) return null;
  const inner = body.slice(start + NOTES_START.length, end).replace(/\r\n?/g, '\n');
  return `${NOTES_HEADING}\n\n${NOTES_START}${inner}${NOTES_END}`;
}

/**
 * `body` with the notes section placed before the hidden markers at its end (the tracking
 * marker and the state line), or at the end when it has none. A body that already has a
 * section keeps its own.
 */
export function withNotes(body: string, notes: string): string {
  if (body.includes(NOTES_START)) return body;
  const lines = body.split('\n');
  const at = lines.findIndex((l) => l.trim() === TRACKING_MARKER);
  if (at < 0) return `${body.trimEnd()}\n\n${notes}\n`;
  const head = lines.slice(0, at).join('\n').trimEnd();
  return `${head}\n\n${notes}\n\n${lines.slice(at).join('\n')}`;
}
