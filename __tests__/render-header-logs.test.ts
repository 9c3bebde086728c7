import { header } from '../src/render/header.js';
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
