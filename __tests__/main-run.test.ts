/**
 * Integration test of run() in-process, with nock standing in for api.github.com: a small
 * repository with a warning on green runs and a flaky test report. Checks the outputs, the job
 * summary, the JSON report and the issue that was created, and that a dry run writes nothing.
 */
import nock from 'nock';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { clearWorkflowCommands, workflowCommands } from '../test/workflow-commands.js';

const API = 'https://api.github.com';
const REPO = '/repos/acme/widgets';
const at = (min: number) => new Date(Date.UTC(2026, 10, 20, 10, min, 0)).toISOString();

const FLAKY_SUMMARY = [
  '## Test results',
  '',
  '| Test | Runs | Final | @flaky |',
  '|---|---|---|---|',
  '| tests/test_api.py::test_login_retries | 3 | flaked 2, passed 1 | no |',
  '| tests/test_api.py::test_bulk_export | 5 | passed | no |',
  '',
  '## Failures',
  '',
  '### tests/test_api.py::test_login_retries',
  '```',
  'Traceback (most recent call last):',
  '  File "tests/test_api.py", line 42, in test_login_retries',
  'AssertionError: expected 200, got 503',
  '```',
].join('\n');

function run(id: number, branch: string, sha: string) {
  return {
    id,
    name: 'CI',
    node_id: `WFR_${id}`,
    head_branch: branch,
    head_sha: sha,
    path: '.github/workflows/ci.yml',
    run_number: id,
    run_attempt: 1,
    event: 'pull_request',
    status: 'completed',
    conclusion: 'success',
    workflow_id: 11,
    url: `${API}${REPO}/actions/runs/${id}`,
    html_url: `https://github.com/acme/widgets/actions/runs/${id}`,
    pull_requests: [],
    created_at: at(id),
    updated_at: at(id + 9),
    run_started_at: at(id),
    actor: { login: 'dev' },
  };
}

function job(runId: number, sha: string) {
  const id = runId * 100;
  return {
    id,
    run_id: runId,
    run_attempt: 1,
    node_id: `CR_${id}`,
    head_sha: sha,
    name: 'build',
    status: 'completed',
    conclusion: 'success',
    created_at: at(runId),
    started_at: at(runId),
    completed_at: at(runId + 3),
    html_url: `https://github.com/acme/widgets/actions/runs/${runId}/job/${id}`,
    runner_name: 'GitHub Actions 1',
    labels: ['ubuntu-latest'],
    steps: [
      {
        name: 'Set up job',
        status: 'completed',
        conclusion: 'success',
        number: 1,
        started_at: at(runId),
        completed_at: at(runId),
      },
      {
        name: 'Run npm ci',
        status: 'completed',
        conclusion: 'success',
        number: 2,
        started_at: at(runId),
        completed_at: at(runId + 3),
      },
    ],
  };
}

function checkRuns(runId: number, sha: string) {
  return {
    total_count: 2,
    check_runs: [
      {
        id: runId * 100,
        name: 'build',
        head_sha: sha,
        status: 'completed',
        conclusion: 'success',
        started_at: at(runId),
        completed_at: at(runId + 3),
        html_url: `https://github.com/acme/widgets/actions/runs/${runId}/job/${runId * 100}`,
        details_url: `https://github.com/acme/widgets/actions/runs/${runId}/job/${runId * 100}`,
        app: { slug: 'github-actions' },
        output: { title: null, summary: null, text: null, annotations_count: 1 },
      },
      {
        id: runId * 100 + 7,
        name: 'Unit + Integration Tests',
        head_sha: sha,
        status: 'completed',
        conclusion: runId === 1 ? 'neutral' : 'success',
        started_at: at(runId + 3),
        completed_at: at(runId + 3),
        html_url: `https://github.com/acme/widgets/runs/${runId * 100 + 7}`,
        details_url: `https://github.com/acme/widgets/runs/${runId * 100 + 7}`,
        app: { slug: 'github-actions' },
        output: {
          title: 'Tests',
          summary:
            runId === 1
              ? FLAKY_SUMMARY
              : '| Test | Runs | Final | @flaky |\n|---|---|---|---|\n| tests/test_api.py::test_bulk_export | 5 | passed | no |',
          text: null,
          annotations_count: 0,
        },
      },
    ],
  };
}

const WARNING = {
  path: '.github',
  start_line: 1,
  end_line: 1,
  annotation_level: 'warning',
  title: '',
  message:
    'Node.js 20 actions are deprecated. Please update the following actions to use Node.js 24: actions/cache@v3.',
  raw_details: null,
  blob_href: 'https://github.com/acme/widgets/blob/x/.github',
};

function mockCollection(): void {
  const runs = [run(2, 'main', 'b'.repeat(40)), run(1, 'feature/x', 'a'.repeat(40))];
  nock(API)
    .get(REPO)
    .reply(200, { id: 1, full_name: 'acme/widgets', default_branch: 'main' })
    .get(/\/repos\/acme\/widgets\/contents\/.*/)
    .reply(404, { message: 'Not Found' })
    .get(`${REPO}/actions/workflows`)
    .query(true)
    .reply(200, {
      total_count: 1,
      workflows: [
        {
          id: 11,
          node_id: 'W_11',
          name: 'CI',
          path: '.github/workflows/ci.yml',
          state: 'active',
          html_url: 'https://github.com/acme/widgets/blob/main/.github/workflows/ci.yml',
        },
      ],
    })
    .get(`${REPO}/actions/runs`)
    .query(true)
    .reply(200, { total_count: 2, workflow_runs: runs })
    .get(`${REPO}/pulls`)
    .query(true)
    .reply(200, []);
  for (const r of runs) {
    nock(API)
      .get(`${REPO}/actions/runs/${r.id}/jobs`)
      .query(true)
      .reply(200, { total_count: 1, jobs: [job(r.id, r.head_sha)] })
      .get(`${REPO}/commits/${r.head_sha}/check-runs`)
      .query(true)
      .reply(200, checkRuns(r.id, r.head_sha))
      .get(`${REPO}/check-runs/${r.id * 100}/annotations`)
      .query(true)
      .reply(200, [WARNING]);
  }
  // Rules may ask for a few logs: answer with a short log through the usual redirect.
  nock(API)
    .get(/\/repos\/acme\/widgets\/actions\/jobs\/\d+\/logs/)
    .times(10)
    .reply(302, '', { location: 'https://logs.example.test/job.txt' });
  nock('https://logs.example.test')
    .get('/job.txt')
    .times(10)
    .reply(
      200,
      '\uFEFF2026-11-20T10:00:00.0000000Z ##[group]Run npm ci\n2026-11-20T10:00:01.0000000Z added 10 packages\n',
    );
}

describe('run()', () => {
  let dir: string;
  const saved = { ...process.env };

  beforeAll(() => nock.disableNetConnect());
  afterAll(() => {
    nock.cleanAll();
    nock.restore();
  });

  beforeEach(() => {
    clearWorkflowCommands();
    dir = mkdtempSync(path.join(tmpdir(), 'audit-ci-run-'));
    writeFileSync(path.join(dir, 'summary.md'), '');
    writeFileSync(path.join(dir, 'output.txt'), '');
    Object.assign(process.env, {
      INPUT_TOKEN: 'ghs_secret_token_value',
      INPUT_REPOSITORY: 'acme/widgets',
      INPUT_WINDOW: '2',
      'INPUT_REPORT-PATH': path.join(dir, 'report.json'),
      INPUT_ISSUE: 'true',
      // nock answers REST here; the GraphQL collector runs against the fake API (e2e tests).
      AUDIT_CI_GRAPHQL: 'false',
      GITHUB_STEP_SUMMARY: path.join(dir, 'summary.md'),
      GITHUB_OUTPUT: path.join(dir, 'output.txt'),
    });
    process.exitCode = undefined;
  });

  afterEach(() => {
    process.env = { ...saved };
    nock.cleanAll();
    // A failed run() sets the exit code of this process: when jest runs in band (a two-core
    // machine), it would fail the whole test command after every test passed.
    process.exitCode = undefined;
  });

  function outputs(): Record<string, string> {
    const text = readFileSync(path.join(dir, 'output.txt'), 'utf8');
    const out: Record<string, string> = {};
    for (const m of text.matchAll(/^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)) out[m[1]!] = m[3]!;
    return out;
  }

  it('audits, writes the report and summary, and creates the tracking issue', async () => {
    mockCollection();
    let created: { title: string; body: string; labels: string[] } | undefined;
    nock(API)
      .get(`${REPO}/issues`)
      .query(true)
      .reply(200, [])
      .post(`${REPO}/labels`)
      .reply(201, { name: 'ci-audit' })
      .post(`${REPO}/issues`, (b: { title: string; body: string; labels: string[] }) => {
        created = b;
        return true;
      })
      .reply(201, {
        number: 7,
        node_id: 'I_7',
        html_url: 'https://github.com/acme/widgets/issues/7',
        title: 'CI audit',
        body: '',
        state: 'open',
        created_at: at(30),
      })
      .get(`${REPO}/issues`)
      .query(true)
      .optionally()
      .reply(200, [])
      .post('/graphql')
      .optionally()
      .reply(200, { data: { pinIssue: { issue: { id: 'I_7' } } } });

    const { run: runAction } = await import('../src/main.js');
    await runAction();

    expect(process.exitCode).toBeUndefined();
    const report = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8'));
    expect(report).toMatchObject({ schemaVersion: 1, repository: 'acme/widgets', sample: { runs: 2 } });
    const categories = report.findings.map((f: { category: string }) => f.category);
    expect(categories).toEqual(expect.arrayContaining(['warning', 'flaky-test']));
    const flaky = report.findings.find((f: { category: string }) => f.category === 'flaky-test');
    expect(flaky.subject.test).toBe('tests/test_api.py::test_login_retries');
    expect(flaky.detail).toContain('AssertionError: expected 200, got 503');
    // By-design reruns (Runs 5, Final passed) are not flakes.
    expect(JSON.stringify(report.findings)).not.toContain('test_bulk_export');

    const summary = readFileSync(path.join(dir, 'summary.md'), 'utf8');
    expect(summary).toContain('test_login_retries');
    expect(summary).toMatch(/2 runs/);

    expect(created?.labels).toEqual(['ci-audit']);
    expect(created?.body).toContain('test_login_retries');
    expect(created?.body).toMatch(/<!-- audit-ci:/);

    const out = outputs();
    expect(out).toMatchObject({
      runs: '2',
      'issue-number': '7',
      'issue-url': 'https://github.com/acme/widgets/issues/7',
    });
    expect(Number(out.findings)).toBe(report.findings.length);
    expect(out['new-findings']).toBe(out.findings);
    expect(readFileSync(path.join(dir, 'summary.md'), 'utf8')).not.toContain('ghs_secret_token_value');
  });

  it('writes nothing on a dry run', async () => {
    process.env.INPUT_ISSUE = 'false';
    mockCollection();
    const writes = nock(API).post(/.*/).reply(500).patch(/.*/).reply(500);
    const { run: runAction } = await import('../src/main.js');
    await runAction();
    expect(process.exitCode).toBeUndefined();
    expect(writes.isDone()).toBe(false);
    expect(outputs()).toMatchObject({ 'issue-number': '', 'issue-url': '', runs: '2' });
    // The token is masked first; the stages are grouped; nothing failed.
    const commands = workflowCommands();
    expect(commands[0]).toBe('::add-mask::ghs_secret_token_value');
    expect(commands).toEqual(expect.arrayContaining(['::group::Collect', '::endgroup::']));
    expect(commands.filter((c) => c.startsWith('::error'))).toEqual([]);
  });

  it('fails the step naming the request, not an input, when the token is refused', async () => {
    nock(API)
      .get(/\/repos\/acme\/widgets\/contents\/.*/)
      .reply(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' });
    const { run: runAction } = await import('../src/main.js');
    await runAction();
    expect(process.exitCode).toBe(1);
    expect(workflowCommands().filter((c) => c.startsWith('::error::'))).toEqual([
      '::error::GET /repos/acme/widgets/contents/.github/audit-ci.yml: 401 Unauthorized (Bad credentials; the token is invalid, expired or revoked)',
    ]);
  });

  it('fails the step naming the input when an input is invalid', async () => {
    process.env.INPUT_WINDOW = 'banana';
    const { run: runAction } = await import('../src/main.js');
    await runAction();
    expect(process.exitCode).toBe(1);
    const errors = workflowCommands().filter((c) => c.startsWith('::error::'));
    expect(errors).toEqual([
      '::error::Input "window" must be a run count (50) or a time span (36h, 7d, 2w), got "banana"',
    ]);
  });
});
