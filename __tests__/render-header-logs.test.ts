import { evidenceLine, header } from '../src/render/header.js';
import type { Report } from '../src/types.js';
import { digest, history, run } from '../test/factory.js';

const report = (runs: number): Report => ({
  schemaVersion: 1,
  repository: 'acme/widgets',
  generatedAt: '2026-11-24T00:00:00Z',
  window: { requested: '3', from: '2026-11-20T00:00:00Z', to: '2026-11-24T00:00:00Z' },
  sample: { runs, jobs: runs * 2, checkRuns: 0, logsRead: 2, apiRequests: 10 },
  findings: [],
  resolved: [],
  gaps: [],
});

describe('header: logs read per job', () => {
  const runs = [1, 2, 3].map((id) =>
    run({
      id,
      jobs: [
        { id: id * 10, name: 'test' },
        { id: id * 10 + 1, name: 'lint' },
        // A re-run: only the latest attempt of a job counts as the run's.
        ...(id === 3 ? [{ id: 99, name: 'test', attempt: 2 }] : []),
      ],
    }),
  );
  it('says per job how many of its runs had their log read', () => {
    const h = history(runs, { logs: { '10': digest(10), '99': digest(99), '11': digest(11) } });
    const md = header({ report: report(3), runs: h.runs, workflows: h.workflows, api: h.api, gaps: [], logs: h.logs });
    expect(md).toMatch(/^- \*\*Logs read per job \(of its runs\):\*\* CI \/ test 2 of 3, CI \/ lint 1 of 3 /m);
  });
  it('has no such line when no log was read', () => {
    const h = history(runs);
    const md = header({ report: report(3), runs: h.runs, workflows: h.workflows, api: h.api, gaps: [], logs: h.logs });
    expect(md).not.toMatch(/Logs read per job/);
  });
});

describe('evidence line of an audit cut short', () => {
  const budget =
    'request budget spent: lower input "window" or "max-logs", or raise budget.maxRequests in the rules file';
  it('does not say the rules got every log when collection stopped before the logs', () => {
    // A cold 10,000-run audit whose budget ran out in the details: the log stage never ran.
    const line = evidenceLine(0, [{ what: 'details and later stages', reason: budget }]);
    expect(line).toBe(
      '**Evidence:** 0 job logs read: collection stopped before the logs (request budget spent), so no finding could use one',
    );
    expect(line).not.toMatch(/every one/);
  });
  it('says the rest of the logs were cut short when the budget ran out in the logs stage', () => {
    const line = evidenceLine(40, [{ what: 'logs and later stages', reason: budget }]);
    expect(line).toMatch(
      /^\*\*Evidence:\*\* 40 of the 40 job logs .*not read: the rest: the logs were cut short \(request budget spent\)$/,
    );
  });
  it('a stop in the older runs (after the logs) and a complete audit still read as before', () => {
    expect(evidenceLine(12, [{ what: 'older runs and later stages', reason: budget }])).toBe(
      '**Evidence:** 12 job logs read, every one the rules asked for',
    );
    expect(evidenceLine(12, [])).toBe('**Evidence:** 12 job logs read, every one the rules asked for');
  });
});
