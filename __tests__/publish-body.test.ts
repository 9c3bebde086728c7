/**
 * Body shortening works on the renderer's structure, never on the rendered text: the
 * publisher asks the renderer for a smaller layout. The trap: a branch named
 * `feat/<details>` (rendered raw inside a code span) and a later `</details>` once paired
 * up in a text match and took four findings and their mute boxes with them.
 */
import { jest } from '@jest/globals';
import fc from 'fast-check';
import { muteCheckbox, readMutes } from '../src/tracking/mutes.js';
import { encodeState, TRACKING_MARKER, type AuditState } from '../src/tracking/state.js';
import { runs } from '../test/fast-check.js';
import {
  ISSUE_BODY_LIMIT,
  isBodyTooLong,
  markedSource,
  SHORTENED_NOTE,
  shorterLayout,
  withTrackingMarker,
  writeBody,
} from '../src/tracking/body.js';
import { renderReport } from '../src/render/report.js';
import type { Finding } from '../src/types.js';
import { history } from './fixtures/render/history.js';
import { finding, report } from './fixtures/render/reports.js';

const TOO_LONG = {
  status: 422,
  message: 'Validation Failed',
  response: { data: { errors: [{ field: 'body', code: 'custom', message: 'body is too long' }] } },
};

/** 13 findings; the 3rd's occurrence is on `feat/<details>`, a later one's detail holds `</details>`. */
function hostileFindings(): Finding[] {
  const h = history();
  const run = h.runs[0]!;
  return Array.from({ length: 13 }, (_, i) =>
    finding(
      {
        category: 'slow',
        severity: i < 4 ? 'high' : 'medium',
        kind: 'regression',
        title: `Finding number ${i} is slow`,
        subject: { workflow: 'CI', job: `job-${i}` },
        detail:
          i === 9
            ? 'The step printed `</details>` and then:\n\n</details>\n<details><summary>x</summary>'
            : `Job ${i} takes 40 minutes.\n\n${'log line\n'.repeat(30)}`,
        frequency: { runs: 3, of: 14, branches: 1 },
        occurrences: [{ runId: run.id, url: run.url, branch: i === 2 ? 'feat/<details>' : 'main', at: run.createdAt }],
        status: 'ongoing',
        firstSeen: '2026-11-01T00:00:00Z',
        ...(i === 11 ? { muted: true } : {}),
      },
      `job-${i}`,
    ),
  );
}

const state: AuditState = { v: 1, at: '2026-11-24T06:00:00.000Z', findings: {} };

function issueSource(list: Finding[]): (maxChars: number) => string {
  const h = history();
  const r = report(h, list);
  return (maxChars) =>
    renderReport({
      report: r,
      history: h,
      target: 'issue',
      maxChars,
      stateMarker: encodeState(state),
      muteBox: muteCheckbox,
    });
}

describe('writeBody: shortening by layout, not by text', () => {
  it('keeps all 13 findings and every mute box when GitHub refuses the body as too long (feat/<details> trap)', async () => {
    const list = hostileFindings();
    const source = markedSource(issueSource(list));
    const written: string[] = [];
    await writeBody(
      source,
      async (b) => {
        written.push(b);
        if (written.length === 1) throw TOO_LONG;
        return b;
      },
      () => undefined,
    );
    expect(written).toHaveLength(2);
    const [first, second] = written as [string, string];
    expect(first).toContain('feat/<details>');
    expect(second.length).toBeLessThan(first.length);
    expect(second.startsWith(SHORTENED_NOTE)).toBe(true);
    for (const f of list) {
      expect(second).toContain(f.title);
      expect(readMutes(second).present.has(f.id)).toBe(true);
    }
    expect([...readMutes(second)]).toEqual([list[11]!.id]);
    expect(second).toContain(encodeState(state));
    expect(second).toContain(TRACKING_MARKER);
  });

  it('refuses a fixed string over the limit, never cutting it', async () => {
    const body = `# Audit\n\n<details>${'x'.repeat(ISSUE_BODY_LIMIT)}</details>`;
    const write = jest.fn(async (b: string) => b);
    await expect(writeBody(body, write, () => undefined)).rejects.toThrow(/too long for GitHub/);
    expect(write).not.toHaveBeenCalled();
    expect(shorterLayout(body, 1000)).toBeNull();
  });

  it('never exceeds the limit, and keeps every finding, for any budget GitHub forces (property)', () => {
    const list = hostileFindings();
    const source = markedSource(issueSource(list));
    fc.assert(
      fc.property(fc.integer({ min: 4000, max: ISSUE_BODY_LIMIT }), (limit) => {
        const text = shorterLayout(source, limit);
        if (text === null) return;
        expect(text.length).toBeLessThanOrEqual(limit);
        // Findings may collapse to one line or be counted in a note, but a finding shown keeps its box.
        const boxes = readMutes(text).present;
        for (const f of list) if (text.includes(f.title)) expect(boxes.has(f.id)).toBe(true);
        expect(text).toContain(encodeState(state));
      }),
      runs(40),
    );
  });
});

describe('withTrackingMarker / isBodyTooLong', () => {
  it('adds the marker once', () => {
    const once = withTrackingMarker('body\n');
    expect(once).toBe(`body\n\n${TRACKING_MARKER}\n`);
    expect(withTrackingMarker(once)).toBe(once);
  });

  it('recognises only a 422 about the body', () => {
    const data = (field: string) => ({
      errors: [{ resource: 'Issue', code: 'custom', field, message: `${field} is too long` }],
    });
    expect(isBodyTooLong({ status: 422, message: 'Validation Failed', response: { data: data('body') } })).toBe(true);
    expect(
      isBodyTooLong({
        status: 422,
        message: 'Validation Failed',
        response: { data: { errors: [{ field: 'title', code: 'missing_field' }] } },
      }),
    ).toBe(false);
    expect(isBodyTooLong({ status: 500, message: 'body is too long' })).toBe(false);
  });
});
