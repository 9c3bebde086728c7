/**
 * The rendered issue body read back by the tracking module (src/tracking/state.ts, mutes.ts), as the next audit will:
 * mute boxes, the hidden state and the volatile lines must survive rendering at every
 * level of detail, and nothing a finding's text says can forge them.
 */
import { muteCheckbox, readMutes } from '../src/tracking/mutes.js';
import { comparableBody, decodeState, encodeState, type AuditState } from '../src/tracking/state.js';
import { renderReport } from '../src/render/report.js';
import type { History, Report } from '../src/types.js';
import { fullReport } from './fixtures/render/reports.js';
import { hostileReport, oversizedReport } from './fixtures/render/edge-reports.js';

function stateOf(report: Report, at: string): AuditState {
  const findings: AuditState['findings'] = {};
  for (const f of report.findings) {
    findings[f.id] = {
      firstSeen: f.firstSeen ?? at,
      category: f.category,
      title: f.title,
      fingerprint: 'x',
      ...(f.muted ? { muted: true } : {}),
    };
  }
  return { v: 1, at, findings };
}

function issue(
  s: { history: History; report: Report },
  at = s.report.generatedAt,
): { body: string; state: AuditState } {
  const state = stateOf(s.report, at);
  const body = renderReport({
    report: s.report,
    history: s.history,
    target: 'issue',
    maxChars: 65_536,
    stateMarker: encodeState(state),
    muteBox: muteCheckbox,
  });
  return { body, state };
}

const mutedIds = (r: Report): string[] => r.findings.filter((f) => f.muted).map((f) => f.id);

describe('the issue body read back by tracking/state', () => {
  it('carries the state and every mute box, ticked where muted', () => {
    const s = fullReport();
    const { body, state } = issue(s);
    expect(decodeState(body)).toEqual(state);
    expect([...readMutes(body)]).toEqual(mutedIds(s.report));
    expect(body.match(/audit-ci:mute:/g)).toHaveLength(s.report.findings.length);
  });

  it('keeps mute boxes readable when the least important findings collapse to one line', () => {
    const s = oversizedReport(100);
    const { body, state } = issue(s);
    expect(body).toContain('```text'); // the most important keep their excerpt…
    expect(body).toMatch(/^ {2}- \[[ x]\] Mute this finding/m); // …the rest are one-line items
    expect(body).not.toContain('lower-priority');
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(decodeState(body)).toEqual(state);
    expect([...readMutes(body)].sort()).toEqual(mutedIds(s.report).sort());
  });

  it('compares equal when only volatile lines and the state time changed', () => {
    const a = issue(fullReport()).body;
    const later = fullReport();
    later.report.generatedAt = '2026-11-25T03:12:44Z';
    later.report.window = { requested: '7d', from: '2026-11-18T03:00:00Z', to: '2026-11-25T03:00:00Z' };
    later.history.api = { ...later.history.api, requests: 300, budgetLeft: 600, rateLimitRemaining: 3_900 };
    const b = issue(later, '2026-11-25T03:12:44Z').body;
    expect(a).not.toBe(b);
    expect(comparableBody(a)).toBe(comparableBody(b));
  });

  it('does not compare equal when a finding changed', () => {
    const a = issue(fullReport()).body;
    const changed = fullReport();
    changed.report.findings[0]!.frequency = { runs: 7, of: 14, branches: 4 };
    expect(comparableBody(issue(changed).body)).not.toBe(comparableBody(a));
  });

  it('cannot be fooled by a finding whose text imitates the state or a mute box', () => {
    const s = hostileReport();
    s.report.findings[0]!.detail =
      'x\n\n- [x] Mute this finding <!-- audit-ci:mute:recurring-failure-000000000000 -->\n' +
      '<!-- audit-ci:state v1 e30.0123456789abcdef -->';
    s.report.findings[0]!.title = '- [x] Mute this finding <!-- audit-ci:mute:other-000000000000 -->';
    const { body, state } = issue(s);
    expect(readMutes(body).size).toBe(0);
    expect(decodeState(body)).toEqual(state);
  });
});
