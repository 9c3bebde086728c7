/**
 * The mute checkboxes of the tracking issue: one writer of their line (`muteLine`, which the
 * renderer gets as `muteCheckbox`) and one reader (`parseMuteLine`), so the box the renderer
 * draws, the ticks the next audit reads and the ticks carried over while an audit ran
 * cannot drift apart.
 */

/** Finding ids, as findingId() makes them, with a generous bound: the only ids a box or the state may name. */
export const FINDING_ID = /^[a-z0-9][a-z0-9-]{0,79}$/;

const LABEL = 'Mute this finding';
/** Indent, bullet, tick, id, trailing space: the line `muteLine` writes, as a human may leave it. */
const MUTE_LINE = /^(\s*)([-*]) \[([ xX])\] Mute this finding <!-- audit-ci:mute:([^\s>]+) -->(\s*)$/;

function muteLine(id: string, muted: boolean, bullet = '-'): string {
  return `${bullet} [${muted ? 'x' : ' '}] ${LABEL} <!-- audit-ci:mute:${id} -->`;
}

/** Markdown of the mute checkbox for one finding (rendered in the issue). */
export function muteCheckbox(id: string, muted: boolean): string {
  return muteLine(id, muted);
}

interface ParsedLine {
  id: string;
  muted: boolean;
  /** The same line with its box ticked (or not), indent, bullet and id as they were. */
  withTick(muted: boolean): string;
}

/** A mute box line, or null (also for an id findingId() cannot produce: a forged box). */
export function parseMuteLine(line: string): ParsedLine | null {
  const m = MUTE_LINE.exec(line);
  if (!m || !FINDING_ID.test(m[4]!)) return null;
  const [, indent, bullet, tick, id, trail] = m as unknown as [string, string, string, string, string, string];
  return { id, muted: tick !== ' ', withTick: (muted) => `${indent}${muteLine(id, muted, bullet)}${trail}` };
}

/**
 * Ticked mute boxes, remembering which boxes were in the body at all: a finding the
 * renderer left out for size (muted ones go first) had no box, so the absence of a tick
 * is not a maintainer unticking it.
 */
export class Mutes extends Set<string> {
  /** Every id with a mute box in the body, ticked or not. */
  readonly present = new Set<string>();
}

/** Ids whose mute box is ticked in an issue body (only boxes this module wrote count). */
export function readMutes(body: string | null | undefined): Mutes {
  const ids = new Mutes();
  if (typeof body !== 'string') return ids;
  for (const line of body.split(/\r?\n/)) {
    const box = parseMuteLine(line);
    if (!box) continue;
    ids.present.add(box.id);
    if (box.muted) ids.add(box.id);
  }
  return ids;
}

/**
 * The new body with the ticks a maintainer changed while the audit ran: a box whose tick
 * in `fresh` (the body read just before writing) differs from `read` (the body the audit
 * started from) takes the fresh tick. Every other box keeps what the audit rendered.
 */
export function withFreshTicks(
  body: string,
  read: string | null | undefined,
  fresh: string | null | undefined,
): string {
  if (typeof fresh !== 'string' || fresh === read) return body;
  const before = readMutes(read);
  const after = readMutes(fresh);
  const changed = new Map<string, boolean>();
  for (const id of after.present) {
    // A box new since the audit read the body (a concurrent audit's) only adds a tick.
    if (!before.present.has(id)) {
      if (after.has(id)) changed.set(id, true);
    } else if (after.has(id) !== before.has(id)) changed.set(id, after.has(id));
  }
  if (changed.size === 0) return body;
  return body
    .split('\n')
    .map((line) => {
      const box = parseMuteLine(line);
      const tick = box ? changed.get(box.id) : undefined;
      return box && tick !== undefined ? box.withTick(tick) : line;
    })
    .join('\n');
}
