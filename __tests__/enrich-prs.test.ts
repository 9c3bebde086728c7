import fc from 'fast-check';
import { containsTerm, isDistinctive, matchPullRequests, termsOf, testLeaf } from '../src/enrich/prs.js';
import type { Finding, PullRequest } from '../src/types.js';

const finding = (over: Partial<Finding> = {}): Finding => ({
  id: 'flaky-test-0123456789ab',
  category: 'flaky-test',
  severity: 'medium',
  kind: 'infra',
  title: 'Flaky test',
  subject: { workflow: 'CI', job: 'test', test: 'tests/test_api.py::test_login' },
  detail: '',
  frequency: { runs: 3, of: 50, branches: 2 },
  occurrences: [],
  ...over,
});

let next = 100;
const pr = (over: Partial<PullRequest> = {}): PullRequest => {
  const number = next++;
  return {
    number,
    title: 'Unrelated change',
    body: '',
    branch: 'feature/other',
    url: `https://github.com/o/r/pull/${number}`,
    draft: false,
    updatedAt: '2026-11-20T00:00:00Z',
    ...over,
  };
};

const fixers = (f: Finding, prs: PullRequest[]): number[] =>
  (matchPullRequests([f], prs)[0]!.fixedBy ?? []).map((x) => x.number);

describe('matchPullRequests', () => {
  it('matches a PR naming the test id or its distinctive function name', () => {
    const byId = pr({ title: 'Stabilise tests/test_api.py::test_login' });
    const byName = pr({ title: 'Retry the session in test_login' });
    const byBody = pr({ body: 'The flake in `test_login` comes from a shared port.' });
    const byBranch = pr({ branch: 'fix/test-login-flake' });
    const out = matchPullRequests([finding()], [byId, byName, byBody, byBranch, pr()]);
    expect(out[0]!.fixedBy).toEqual(
      [byId, byName, byBody, byBranch].map((p) => ({ number: p.number, title: p.title, url: p.url })),
    );
  });

  it('a generic title is not a match', () => {
    const prs = [
      pr({ title: 'Fix flaky tests' }),
      pr({ title: 'Fix test', body: 'ci build flaky test fix' }),
      pr({ title: 'Login page redesign', branch: 'login' }),
    ];
    expect(fixers(finding(), prs)).toEqual([]);
    expect(matchPullRequests([finding()], prs)[0]).not.toHaveProperty('fixedBy');
  });

  it('test_a does not match a PR about test_ab, and the reverse', () => {
    const a = finding({ subject: { test: 'tests/test_x.py::test_a' } });
    const ab = finding({ subject: { test: 'tests/test_x.py::test_ab' } });
    const prAb = pr({ title: 'Deflake test_ab' });
    const prA = pr({ title: 'Deflake test_a.' });
    expect(fixers(a, [prAb])).toEqual([]);
    expect(fixers(ab, [prA])).toEqual([]);
    expect(fixers(a, [prA])).toEqual([prA.number]);
  });

  it("a branch naming test_a_b is that finding's, not test_a's too; a descriptive suffix still matches", () => {
    const a = finding({ id: 'flaky-test-aaaaaaaaaaaa', subject: { test: 'tests/test_x.py::test_a' } });
    const ab = finding({ id: 'flaky-test-bbbbbbbbbbbb', subject: { test: 'tests/test_x.py::test_a_b' } });
    const branchAb = pr({ branch: 'fix/test-a-b' });
    const branchA = pr({ branch: 'fix/test-a-flake' });
    const titled = pr({ title: 'Deflake test_a and test_a_b', branch: 'fix/test-a-b' });
    const [outA, outAb] = matchPullRequests([a, ab], [branchAb, branchA, titled]);
    expect(outA!.fixedBy?.map((x) => x.number)).toEqual([branchA.number, titled.number]);
    expect(outAb!.fixedBy?.map((x) => x.number)).toEqual([branchAb.number, titled.number]);
    // Without the longer finding, the branch cannot be told apart from a description.
    expect(fixers(a, [branchAb])).toEqual([branchAb.number]);
  });

  it('an action bump matches a finding about that action, not another action', () => {
    const f = finding({
      category: 'warning',
      subject: { workflow: 'CI', job: 'build', step: 'Run actions/checkout@v4', action: 'actions/checkout@v4' },
    });
    const bump = pr({ title: 'Bump actions/checkout to v5' });
    const dependabot = pr({
      title: 'Bump the actions group',
      branch: 'dependabot/github_actions/actions/checkout-5.0.0',
    });
    const other = pr({ title: 'Bump actions/checkout-extra to v2' });
    const changelog = pr({
      title: 'Bump actions/setup-node to v5',
      body: 'Release notes: uses actions/checkout internally',
    });
    expect(fixers(f, [bump, dependabot, other, changelog])).toEqual([bump.number, dependabot.number]);
  });

  it('matches quoted error text from matchTerms, case-insensitively across line breaks', () => {
    const f = finding({ subject: { job: 'test' }, matchTerms: ['ECONNRESET: socket hang up while fetching fixtures'] });
    const quoted = pr({ body: 'Fixes the\n"econnreset: socket hang up while  fetching fixtures" error' });
    const partial = pr({ body: 'socket hang up' });
    expect(fixers(f, [quoted, partial])).toEqual([quoted.number]);
  });

  it('ignores generic job and step names, uses distinctive ones', () => {
    const generic = finding({ subject: { job: 'test', step: 'Run tests' }, matchTerms: ['build'] });
    expect(termsOf(generic)).toEqual([]);
    expect(fixers(generic, [pr({ title: 'Run tests faster in the test job' })])).toEqual([]);
    const specific = finding({ subject: { job: 'e2e_playwright_shard', step: 'Seed staging database fixtures' } });
    expect(fixers(specific, [pr({ branch: 'speed-up/e2e-playwright-shard' })])).toHaveLength(1);
    expect(fixers(specific, [pr({ title: 'Seed staging database fixtures once' })])).toHaveLength(1);
  });
});

describe('matchPullRequests: terms as rules write them', () => {
  it('matches the unclipped part of error text a rule cut with …', () => {
    const f = finding({
      subject: {},
      matchTerms: ['Error: connect ECONNREFUSED 127.0.0.1:5432 while the fixture database was start…'],
    });
    const quoting = pr({
      body: 'Fixes `Error: connect ECONNREFUSED 127.0.0.1:5432 while the fixture database was` starting',
    });
    expect(fixers(f, [quoting])).toEqual([quoting.number]);
  });

  it('a hyphenated job name counts unless it is made of generic words', () => {
    const docs = finding({
      category: 'slow',
      subject: { job: 'build-docs' },
      matchTerms: ['build-docs', 'fetch-depth: 0', 'timeout-minutes'],
    });
    const speed = pr({ title: 'Speed up build-docs with a shallow clone' });
    const unrelated = pr({ title: 'Set timeout-minutes and fetch-depth: 0 everywhere' });
    expect(fixers(docs, [speed, unrelated])).toEqual([speed.number]);
    expect(termsOf(finding({ subject: { job: 'unit-tests' } }))).toEqual([]);
  });

  it('action refs and file paths from matchTerms match titles and branches, not bodies', () => {
    const f = finding({
      category: 'warning',
      subject: {},
      matchTerms: ['actions/cache@v3', 'actions/cache', '.github/workflows/docs.yml'],
    });
    const title = pr({ title: 'Move .github/workflows/docs.yml to actions/cache v4' });
    const body = pr({ title: 'Refactor', body: 'Touches .github/workflows/docs.yml and actions/cache' });
    expect(fixers(f, [title, body])).toEqual([title.number]);
  });
});

describe('matchPullRequests: properties', () => {
  const generic = fc.constantFrom(
    'fix',
    'flaky',
    'tests',
    'test',
    'ci',
    'build',
    'bump',
    'update',
    'the',
    'job',
    'cache',
    'slow',
  );
  const title = fc.array(generic, { minLength: 1, maxLength: 8 }).map((w) => w.join(' '));
  const anyFinding = fc.constantFrom(
    finding(),
    finding({ subject: { job: 'test', step: 'Run tests' }, matchTerms: ['flaky test', 'build cache'] }),
    finding({ subject: { action: 'actions/checkout@v4' }, matchTerms: ['actions/checkout'] }),
  );

  it('a PR made only of generic words never matches', () => {
    fc.assert(
      fc.property(anyFinding, title, title, (f, t, b) => {
        expect(fixers(f, [pr({ title: t, body: b, branch: t.replace(/ /g, '-') })])).toEqual([]);
      }),
    );
  });

  it('case and surrounding punctuation do not matter for a precise term', () => {
    fc.assert(
      fc.property(fc.constantFrom('(', '"', '`', ' ', ': '), fc.boolean(), (p, upper) => {
        const id = upper ? 'TESTS/TEST_API.PY::TEST_LOGIN' : 'tests/test_api.py::test_login';
        expect(fixers(finding(), [pr({ title: `Fix ${p}${id}${p === '(' ? ')' : p}` })])).toHaveLength(1);
      }),
    );
  });
});

describe('isDistinctive / containsTerm', () => {
  it.each([
    ['tests/test_api.py::test_login', 'test', true],
    ['test_a', 'test', true],
    ['run_tests', 'name', false],
    ['test', 'name', false],
    ['flaky', 'term', false],
    ['authentication', 'name', false],
    ['TestLoginHandler', 'test', true],
    ['actions/checkout', 'action', true],
    ['Set up job', 'name', false],
    ['connection refused by upstream proxy', 'term', true],
  ] as const)('%s (%s) -> %s', (term, source, want) => {
    expect(isDistinctive(term, source)).toBe(want);
  });

  it.each([
    ['tests/test_api.py::TestAuth::test_login[sqlite]', 'test_login'],
    ['com.acme.LoginTest.testRetry', 'testRetry'],
    ['LoginTest > testRetry()', 'testRetry'],
    ['TestLogin/invalid_password', 'TestLogin/invalid_password'],
  ])('testLeaf(%s) = %s', (id, leaf) => {
    expect(testLeaf(id)).toBe(leaf);
  });

  it('respects word boundaries at word-character edges only', () => {
    expect(containsTerm('fix test_login now', 'test_login')).toBe(true);
    expect(containsTerm('fix test_login_v2 now', 'test_login')).toBe(false);
    expect(containsTerm('fix mytest_login', 'test_login')).toBe(false);
    expect(containsTerm('see (actions/checkout)', 'actions/checkout')).toBe(true);
  });
});
