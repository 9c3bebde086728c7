/** Maintainer notes and ticks made while an audit ran survive its rewrite; duplicates merge. */
import fc from 'fast-check';
import { mergedMutes, mergedState, previousOf } from '../src/tracking/duplicates.js';
import type { TrackingIssue } from '../src/tracking/find.js';
import { muteCheckbox, readMutes } from '../src/tracking/mutes.js';
import { encodeState, TRACKING_MARKER, type AuditState } from '../src/tracking/state.js';
import { withFreshTicks } from '../src/tracking/mutes.js';
import { EMPTY_NOTES, NOTES_END, NOTES_START, notesOf, withNotes } from '../src/tracking/notes.js';
import { runs } from '../test/fast-check.js';

const A = 'slow-aaaaaaaaaaaa';
const B = 'slow-bbbbbbbbbbbb';
const C = 'slow-cccccccccccc';
const state = (findings: AuditState['findings']): AuditState => ({ v: 1, at: '2026-11-24T06:00:00Z', findings });
const rendered = (boxes: string): string => `# CI audit\n\n- finding\n${boxes}\n\n${encodeState(state({}))}\n`;

describe('maintainer notes', () => {
  const notes = `${EMPTY_NOTES.replace(NOTES_END, '')}Runner fleet migrates on 12-01: ignore queue times.\n- [ ] our own todo\n${NOTES_END}`;

  it('places an empty notes section before the hidden markers of a new body', () => {
    const body = withNotes(rendered(muteCheckbox(A, false)), EMPTY_NOTES);
    expect(body).toContain('### Maintainer notes');
    expect(body.indexOf(NOTES_START)).toBeLessThan(body.indexOf(TRACKING_MARKER));
    expect(notesOf(body)).toBe(EMPTY_NOTES);
  });

  it('copies the notes of the current body into the next one, untouched', () => {
    const old = withNotes(rendered(''), notes);
    const next = withNotes(rendered(muteCheckbox(B, false)), notesOf(old)!);
    expect(notesOf(next)).toBe(notes);
    expect(next).toContain('Runner fleet migrates on 12-01');
  });

  it('reads notes saved with CRLF line ends (a web edit) and never throws on hostile bodies (property)', () => {
    expect(notesOf(withNotes(rendered(''), notes).replace(/\n/g, '\r\n'))).toBe(notes);
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.constantFrom(NOTES_START, NOTES_END, TRACKING_MARKER))),
        (parts) => {
          const body = parts.join('\n');
          const n = notesOf(body);
          if (n !== null) expect(n.endsWith(NOTES_END)).toBe(true);
          expect(() => withNotes(body, EMPTY_NOTES)).not.toThrow();
        },
      ),
      runs(300),
    );
  });
});

describe('ticks made while the audit ran', () => {
  const read = rendered(`${muteCheckbox(A, false)}\n${muteCheckbox(B, true)}`);

  it('takes a tick and an untick a maintainer saved meanwhile; leaves the rest as rendered', () => {
    const fresh = rendered(`${muteCheckbox(A, true)}\n${muteCheckbox(B, false)}`);
    const next = rendered(`${muteCheckbox(A, false)}\n${muteCheckbox(B, true)}\n${muteCheckbox(C, false)}`);
    const out = withFreshTicks(next, read, fresh);
    expect([...readMutes(out)]).toEqual([A]);
    expect(readMutes(out).present).toEqual(new Set([A, B, C]));
  });

  it('changes nothing when nobody edited (trap: the audit’s own mute changes must stand)', () => {
    const next = rendered(`${muteCheckbox(A, true)}\n${muteCheckbox(B, false)}`);
    expect(withFreshTicks(next, read, read)).toBe(next);
    expect(withFreshTicks(next, read, null)).toBe(next);
  });
});

describe('duplicate tracking issues', () => {
  it('merges ticks: a mute ticked on the duplicate survives', () => {
    const kept = rendered(`${muteCheckbox(A, false)}\n${muteCheckbox(B, false)}`);
    const dup = rendered(`${muteCheckbox(A, true)}`);
    const m = mergedMutes([kept, dup]);
    expect([...m]).toEqual([A]);
    expect(m.present).toEqual(new Set([A, B]));
  });

  it('merges states: the earliest first-seen and a mute from either', () => {
    const e = (firstSeen: string, muted = false) => ({
      firstSeen,
      category: 'slow' as const,
      title: 't',
      fingerprint: 'medium|regression|local|f1',
      ...(muted ? { muted } : {}),
    });
    const kept = `x\n${encodeState(state({ [A]: e('2026-11-10T00:00:00Z'), [B]: e('2026-11-01T00:00:00Z') }))}`;
    const dup = `y\n${encodeState(state({ [A]: e('2026-11-05T00:00:00Z', true), [C]: e('2026-11-20T00:00:00Z') }))}`;
    const s = mergedState([kept, dup])!;
    expect(s.findings[A]).toMatchObject({ firstSeen: '2026-11-05T00:00:00Z', muted: true });
    expect(s.findings[B]!.firstSeen).toBe('2026-11-01T00:00:00Z');
    expect(s.findings[C]).toBeDefined();
    expect(mergedState([null, 'no state'])).toBeNull();
  });

  it("starts from the duplicate when the kept issue's state is damaged, naming only the damaged one", () => {
    const issue = (number: number, body: string): TrackingIssue => ({
      number,
      url: `https://github.com/o/r/issues/${number}`,
      title: 'CI audit',
      body,
      state: 'open',
      createdAt: '2026-11-01T00:00:00Z',
      nodeId: `I_${number}`,
    });
    const entry = { firstSeen: '2026-11-05T00:00:00Z', category: 'slow' as const, title: 't', fingerprint: 'x' };
    const good = rendered(muteCheckbox(A, false)).replace(encodeState(state({})), encodeState(state({ [A]: entry })));
    const damaged = rendered(muteCheckbox(B, true)).replace(/v1 ([A-Za-z0-9_-]+)\./, 'v1 $1x.');
    const p = previousOf({ open: issue(7, damaged), duplicates: [issue(8, good)], lastClosed: null });
    expect(p.state?.findings[A]).toEqual(entry);
    expect([...p.mutes]).toEqual([B]);
    expect(p.problems).toHaveLength(1);
    expect(p.problems[0]).toMatch(
      /^The hidden state of tracking issue #7 is unreadable: its checksum does not match the payload/,
    );
    // The trap: issues with good states (or none) report nothing.
    expect(
      previousOf({ open: issue(8, good), duplicates: [issue(9, '# no state')], lastClosed: null }).problems,
    ).toEqual([]);
  });
});
