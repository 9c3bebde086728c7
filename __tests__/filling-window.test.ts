/**
 * A window still filling in (fewer runs read than listed, the run cache keeping them): the
 * report says so plainly without calling it a failure, the tracking issue is still updated,
 * and no finding whose workflow has runs not read yet is called resolved.
 */
import { buildReport } from '../src/report.js';
import { renderReport } from '../src/render/report.js';
import { apiLine, windowNote } from '../src/render/header.js';
import { applyState } from '../src/tracking/apply.js';
import { publishDecision } from '../src/tracking/guard.js';
import type { AuditState } from '../src/tracking/state.js';
import type { ApiUsage, History } from '../src/types.js';
import { history, run } from '../test/factory.js';
import { blindSpotFindings } from '../src/rules/blind-spots.js';
import { DEFAULT_CONFIG } from '../src/config.js';

const api: ApiUsage = { requests: 40, graphqlPoints: 200, notModified: 150 };

describe('windowNote', () => {
  it('says a window still filling in is filling in, with the counts, as a note', () => {
    const note = windowNote(8735, { listed: 14229, filling: true }, api);
    expect(note).toContain('> [!NOTE]');
    expect(note).toContain('The window is still filling in: 8,735 of its 14,229 runs read so far.');
    expect(note).toContain('at most 25% of the hourly API limit');
    expect(note).not.toMatch(/WARNING|stopped early|fail/i);
  });

  it('names the budget that ended a filling-in audit, still as a note', () => {
    const cut = { ...api, truncated: true, truncatedBy: 'budget' as const, truncatedHint: 'raise budget.maxRequests' };
    const note = windowNote(6750, { listed: 14229, filling: true }, cut);
    expect(note).toContain('> [!NOTE]');
    expect(note).toContain('6,750 of its 14,229 runs read so far');
    expect(note).toContain(
      'This audit ended when its request budget was spent. To reach further: raise budget.maxRequests.',
    );
  });

  it('warns when nothing is kept for later (no run cache) or the rate limit stopped it', () => {
    const cut = { ...api, truncated: true, truncatedBy: 'budget' as const };
    const noCache = windowNote(6750, { listed: 14229 }, cut);
    expect(noCache).toContain('> [!WARNING]');
    expect(noCache).toContain(
      'Collection stopped early (request budget), so this audit saw less than the window: 6,750 of its 14,229 runs read.',
    );
    const rate = windowNote(6750, { listed: 14229, filling: true }, { ...cut, truncatedBy: 'rate-limit' });
    expect(rate).toContain('> [!WARNING]');
    expect(rate).toContain('(rate limit)');
  });

  it('shows a nightly allowance in the API line instead of the budget', () => {
    const line = apiLine({ ...api, budget: 900, budgetLeft: 660, allowance: 250 });
    expect(line).toContain('10 of the nightly allowance of 250 left');
    expect(line).not.toContain('900 budget');
    expect(apiLine({ ...api, budget: 900, budgetLeft: 660 })).toContain('660 of the 900 budget left');
  });

  it('says a partial window is not kept when the run cache was not saved (a dry run)', () => {
    const note = windowNote(9066, { listed: 14241 }, api);
    expect(note).toContain('> [!NOTE]');
    expect(note).toContain('The window is not complete: 9,066 of its 14,241 runs read.');
    expect(note).not.toContain('filling in');
  });

  it('says nothing when the whole window was read', () => {
    expect(windowNote(14229, { listed: 14229 }, api)).toBe('');
    expect(windowNote(50, {}, api)).toBe('');
  });
});

const NIGHTLY = { name: 'Nightly', workflowId: 2, workflowPath: '.github/workflows/nightly.yml' };
const ciRun = (id: number) => run({ id });

/** Night 1 of a window filling in: 3 CI runs read of 5 listed; the 2 Nightly runs not read yet. */
const filling = (): History =>
  history([ciRun(3), ciRun(2), ciRun(1)], {
    window: { requested: '7d', from: '2026-11-17T00:00:00Z', to: '2026-11-24T00:00:00Z', listed: 5, filling: true },
    workflows: [
      { id: 1, name: 'CI', path: '.github/workflows/ci.yml', state: 'active' },
      { id: 2, name: 'Nightly', path: NIGHTLY.workflowPath, state: 'active' },
    ],
    api,
    unread: [{ workflow: 'Nightly', path: NIGHTLY.workflowPath, runs: 2 }],
  });

const entry = (title: string, w: string) => ({
  firstSeen: '2026-11-20T00:00:00Z',
  category: 'recurring-failure' as const,
  title,
  fingerprint: 'x',
  ev: { w },
});

describe('the tracking issue of a window filling in', () => {
  // The audit before read fewer runs (its budget ended the details) and found two failures.
  const previous: AuditState = {
    v: 1,
    at: '2026-11-23T00:00:00Z',
    runs: 2,
    logs: 0,
    findings: {
      nightly: entry('Nightly fails on main', 'Nightly'),
      ci: entry('CI fails on main', 'CI'),
    },
  };

  it('is updated, and a finding of a workflow with runs not read yet is carried over, not resolved', () => {
    const h = filling();
    expect(publishDecision(h, previous)).toEqual({ publish: true, reason: null });
    const applied = applyState([], previous, new Set(), '2026-11-24T00:00:00Z', { runs: 3, logs: 0, history: h });
    // CI's runs were all read: its failure is gone. Nightly's were not: not re-checked.
    expect(applied.resolved.map((r) => r.id)).toEqual(['ci']);
    expect(applied.unchecked).toEqual([
      expect.objectContaining({ id: 'nightly', why: '2 runs of Nightly in the window not read yet' }),
    ]);
    expect(applied.state.findings.nightly).toBeDefined();
  });

  it('once the window is complete, the same absence resolves it', () => {
    const h = { ...filling(), unread: undefined, runs: [run({ id: 5, ...NIGHTLY }), ciRun(3)] };
    const applied = applyState([], previous, new Set(), '2026-11-25T00:00:00Z', { runs: 2, logs: 0, history: h });
    expect(applied.resolved.map((r) => r.id).sort()).toEqual(['ci', 'nightly']);
  });

  it('renders the note in the issue, without a caution or a warning', () => {
    const h = filling();
    const report = buildReport(h, [], [], new Date('2026-11-24T00:00:00Z'));
    expect(report.window.listed).toBe(5);
    const body = renderReport({ report, history: h, target: 'issue', maxChars: 65_536 });
    expect(body).toContain('The window is still filling in: 3 of its 5 runs read so far.');
    expect(body).not.toMatch(/\[!WARNING\]|\[!CAUTION\]|stopped early/);
  });

  it('does not call a workflow whose runs are not read yet a blind spot', () => {
    const h = filling();
    expect(blindSpotFindings(h, DEFAULT_CONFIG)).toEqual([]);
    // Without the listed-but-unread runs, Nightly had no run in the window: a blind spot.
    const none = blindSpotFindings({ ...h, unread: undefined }, DEFAULT_CONFIG);
    expect(none.map((f) => f.subject.workflow)).toEqual(['Nightly']);
  });
});
