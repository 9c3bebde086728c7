/** Replay narrows a recorded history to the command line's filters, or refuses with a message. */
import { readFileSync } from 'node:fs';
import { parseHistory } from '../src/history-schema.js';
import { narrowHistory } from '../src/replay.js';
import type { History } from '../src/types.js';

const recorded = JSON.parse(readFileSync(new URL('../examples/history.json', import.meta.url), 'utf8')) as History;

describe('narrowHistory', () => {
  it("a span keeps the runs created within it of the recording's end, with their check runs and logs", () => {
    const h = narrowHistory(recorded, { window: '24h' });
    const from = Date.parse(recorded.window.to) - 24 * 3_600_000;
    expect(h.window).toEqual({ ...recorded.window, requested: '24h', from: new Date(from).toISOString() });
    expect(h.runs.length).toBeGreaterThan(0);
    expect(h.runs.length).toBeLessThan(recorded.runs.length);
    expect(h.runs.every((r) => Date.parse(r.createdAt) >= from)).toBe(true);
    const shas = new Set(h.runs.map((r) => r.headSha));
    expect(h.checkRuns.every((c) => shas.has(c.headSha))).toBe(true);
    const jobs = new Set(h.runs.flatMap((r) => r.jobs.map((j) => String(j.id))));
    expect(Object.keys(h.logs).every((id) => jobs.has(id))).toBe(true);
    expect(Object.keys(h.logs).length).toBeLessThan(Object.keys(recorded.logs).length);
  });

  it('no filter, or the recorded window again, is the recording itself', () => {
    expect(narrowHistory(recorded, {})).toBe(recorded);
    expect(narrowHistory(recorded, { window: recorded.window.requested })).toBe(recorded);
  });

  it('refuses what the recording cannot answer', () => {
    expect(() => narrowHistory(recorded, { window: '30d' })).toThrow(/--window 30d is wider than the recorded window/);
    const onMain = { ...recorded, filters: { workflows: [], branches: ['main'] } };
    expect(() => narrowHistory(onMain, { branches: 'main,dev' })).toThrow(
      '--branches dev: the history was recorded with --branches main only; a replay can only narrow it',
    );
    expect(narrowHistory(onMain, { branches: 'main' }).runs.every((r) => r.branch === 'main')).toBe(true);
    expect(() => narrowHistory(recorded, { maxLogs: '10' })).toThrow(/--max-logs applies when collecting/);
  });
});

describe('parseHistory', () => {
  it('accepts a recording and names the missing or wrong keys of a broken one', () => {
    expect('history' in parseHistory(recorded)).toBe(true);
    const { window: _w, ...noWindow } = recorded;
    expect(parseHistory(noWindow)).toEqual({ problem: 'window: missing' });
    expect(parseHistory({ ...recorded, schemaVersion: 2 })).toEqual({ problem: 'schemaVersion: expected 1' });
    const run = { ...recorded.runs[0]!, jobs: 'none' };
    expect(parseHistory({ ...recorded, runs: [run] })).toEqual({
      problem: 'runs[0].jobs: expected array, received string',
    });
    expect(parseHistory(null)).toEqual({ problem: '(top level): expected object, received null' });
  });
});
