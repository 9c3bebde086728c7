/**
 * The audit's own gaps (a rule that failed) belong to its report, not to the history it
 * audited: --save-history then a replay of that file must not report them twice.
 */
import { readFileSync } from 'node:fs';
import { audit, type Logger } from '../src/audit.js';
import { readSettings } from '../src/inputs.js';
import type { History } from '../src/types.js';

const quiet: Logger = { info: () => {}, warn: () => {}, debug: () => {}, group: (_n, fn) => fn() };
const example = (): History =>
  JSON.parse(readFileSync(new URL('../examples/history.json', import.meta.url), 'utf8')) as History;

async function replay(history: History) {
  const given: Record<string, string> = {
    token: 'unused-offline',
    repository: history.repository,
    window: history.window.requested,
    issue: 'false',
  };
  return audit({
    settings: readSettings((n) => given[n] ?? '', {}),
    history,
    configText: null,
    serverUrl: history.serverUrl,
    now: new Date(history.collectedAt),
    log: quiet,
  });
}

describe('audit() and the history it audits', () => {
  it('keeps a failed rule gap in the report only, so a saved and replayed history reports it once', async () => {
    const history = example();
    // A job whose steps are not a list makes the step rules throw: each such rule becomes a gap.
    const job = history.runs.find((r) => r.jobs.length > 0)!.jobs[0]!;
    (job as unknown as { steps: unknown }).steps = 7;
    const collectedGaps = history.gaps.length;
    const first = await replay(history);
    const ruleGaps = first.report.gaps.filter((g) => g.what.startsWith('rule '));
    expect(ruleGaps.length).toBeGreaterThan(0);
    expect(first.history.gaps).toHaveLength(collectedGaps);
    // What --save-history writes, replayed.
    const saved = JSON.parse(JSON.stringify(first.history)) as History;
    const second = await replay(saved);
    expect(second.report.gaps).toEqual(first.report.gaps);
  });

  it('still reports the collected gaps themselves (the trap: dropping them)', async () => {
    const history = example();
    history.gaps = [{ what: 'logs of job 1 (build)', reason: '410 Gone (expired)' }];
    const r = await replay(history);
    expect(r.report.gaps).toContainEqual({ what: 'logs of job 1 (build)', reason: '410 Gone (expired)' });
    expect(r.history.gaps).toEqual(history.gaps);
  });
});
