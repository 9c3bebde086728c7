import { toRun, type GhRun } from '../src/collect/map.js';

const base = {
  id: 5,
  name: 'CI',
  workflow_id: 1,
  path: '.github/workflows/ci.yml@refs/pull/9/merge',
  event: 'pull_request',
  head_branch: 'main',
  head_sha: 'a'.repeat(40),
  status: 'completed',
  conclusion: 'failure',
  run_attempt: 1,
  run_number: 5,
  created_at: '2026-11-20T10:00:00Z',
  updated_at: '2026-11-20T10:05:00Z',
  run_started_at: '2026-11-20T10:00:00Z',
  html_url: 'https://github.com/acme/widgets/actions/runs/5',
  pull_requests: [],
  repository: { full_name: 'acme/widgets' },
} as unknown as GhRun;

describe('toRun', () => {
  it('marks a run from a fork with the fork, so its "main" is not the default branch', () => {
    const run = toRun({ ...base, head_repository: { full_name: 'someone/widgets' } }, new Map());
    expect(run.headRepository).toBe('someone/widgets');
    expect(run.branch).toBe('main');
    expect(run.workflowPath).toBe('.github/workflows/ci.yml');
  });

  it('leaves runs of the repository itself unmarked', () => {
    expect(
      toRun({ ...base, head_repository: { full_name: 'acme/widgets' } }, new Map()).headRepository,
    ).toBeUndefined();
    expect(toRun(base, new Map()).headRepository).toBeUndefined();
  });
});
