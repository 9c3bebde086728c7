/**
 * "Already being fixed" for runtime deprecations: a bump is a fix only to a version on a newer
 * runtime. PR titles and branches are shaped like real ones (changelogs quoting them):
 * Dependabot "Bump actions/cache from 4 to 5", branch `dependabot/github_actions/actions/cache-5`
 * (lursight, CHANGELOG), "Bump actions/cache from 4 to 5 in the all-actions-version-updates
 * group" (oxibus/dbc-codegen, CHANGELOG), Renovate "Update actions/checkout action to v5.0.1"
 * (topgrade-rs/topgrade, CHANGELOG.md).
 */
import { matchPullRequests } from '../src/enrich/prs.js';
import { deprecatedNode, runtimeFix, targetVersion } from '../src/enrich/runtime.js';
import type { Finding, PullRequest } from '../src/types.js';

const NODE20 =
  'Node.js 20 actions are deprecated. The following actions are running on Node.js 20 and may not work as expected: actions/cache@v3.';

const warning = (action = 'actions/cache@v3', text = NODE20): Finding => ({
  id: 'warning-0123456789ab',
  category: 'warning',
  severity: 'medium',
  kind: 'hygiene',
  title: `Deprecation warning for ${action}: Node.js 20 actions are deprecated.`,
  subject: { workflow: 'CI', job: 'test', action },
  detail: `"${text}" Seen in 44 runs of 60.`,
  frequency: { runs: 44, of: 60, branches: 8 },
  occurrences: [],
  matchTerms: [action],
});

let next = 300;
const pr = (title: string, branch = 'feature/x'): PullRequest => {
  const number = next++;
  return {
    number,
    title,
    body: '',
    branch,
    url: `https://github.com/o/r/pull/${number}`,
    draft: false,
    updatedAt: '2026-11-20T00:00:00Z',
  };
};

describe('targetVersion', () => {
  it('reads the version a Dependabot or Renovate PR moves to, from its title or branch', () => {
    expect(targetVersion(pr('Bump actions/cache from 4 to 5'), 'actions/cache')).toBe('5');
    expect(targetVersion(pr('chore(deps): bump actions/cache from 3.0.0 to 4.2.0'), 'actions/cache')).toBe('4.2.0');
    expect(
      targetVersion(pr('Bump actions/cache from 4 to 5 in the all-actions-version-updates group'), 'actions/cache'),
    ).toBe('5');
    expect(targetVersion(pr('Update actions/checkout action to v5.0.1'), 'actions/checkout')).toBe('5.0.1');
    expect(targetVersion(pr('CI: use actions/cache@v5'), 'actions/cache')).toBe('5');
    expect(
      targetVersion(pr('Bump the actions group', 'dependabot/github_actions/actions/cache-5'), 'actions/cache'),
    ).toBe('5');
    expect(targetVersion(pr('Update actions', 'renovate/actions-cache-5.x'), 'actions/cache')).toBe('5');
  });

  it('does not take another action’s version, nor a version that is not there', () => {
    expect(targetVersion(pr('Bump actions/cache-extra from 1 to 9'), 'actions/cache')).toBeNull();
    expect(targetVersion(pr('Bump actions/checkout from 4 to 5'), 'actions/cache')).toBeNull();
    expect(targetVersion(pr('Fix the actions/cache deprecation'), 'actions/cache')).toBeNull();
  });
});

describe('runtimeFix', () => {
  it('credits a bump to the first node24 major or later, and not one below it', () => {
    const f = warning();
    expect(runtimeFix(f, pr('Bump actions/cache from 3 to 5'))).toEqual({
      fixes: true,
      reason: 'v5 runs on Node.js 24',
    });
    expect(runtimeFix(f, pr('Bump actions/cache from 3 to 4'))).toEqual({
      fixes: false,
      reason: 'v4 of actions/cache runs on Node.js 20 or older; v5 is the first on Node.js 24',
    });
  });

  it('knows a node24 release that came within a major (setup-go 6.2.0)', () => {
    const f = warning('actions/setup-go@v5', NODE20.replace('actions/cache@v3', 'actions/setup-go@v5'));
    expect(runtimeFix(f, pr('Bump actions/setup-go from 5 to 6'))?.fixes).toBe(true);
    expect(runtimeFix(f, pr('Bump actions/setup-go from 5.0.0 to 6.1.0'))?.fixes).toBe(false);
    expect(runtimeFix(f, pr('Bump actions/setup-go from 5.0.0 to 6.2.0'))?.fixes).toBe(true);
  });

  it('credits nothing it cannot know: an unknown action, or a PR that names no version', () => {
    const f = warning('acme/deploy-action@v2', NODE20.replace('actions/cache@v3', 'acme/deploy-action@v2'));
    expect(runtimeFix(f, pr('Bump acme/deploy-action from 2 to 3'))).toEqual({
      fixes: false,
      reason: 'it moves acme/deploy-action to v3, and audit-ci does not know which Node.js runtime that version uses',
    });
    expect(runtimeFix(warning(), pr('Move actions/cache off Node 20'))?.fixes).toBe(false);
  });

  it('does not apply to findings that are not a runtime deprecation, or PRs that do not name the action', () => {
    const flaky = { ...warning(), subject: { workflow: 'CI', job: 'test' }, title: 'Flaky test', detail: 'x' };
    expect(deprecatedNode(flaky)).toBeNull();
    expect(runtimeFix(flaky, pr('Bump actions/cache from 3 to 4'))).toBeNull();
    expect(runtimeFix(warning(), pr('Fix Node.js 20 deprecation warnings in CI'))).toBeNull();
  });
});

describe('matchPullRequests with runtime deprecations', () => {
  it('lists a bump that keeps the old runtime as not counted, with why, and credits the good one', () => {
    const [f] = matchPullRequests(
      [warning()],
      [
        pr('Bump actions/cache from 3 to 4'),
        pr('Bump actions/cache from 3 to 5', 'dependabot/github_actions/actions/cache-5'),
      ],
    );
    expect(f!.fixedBy?.map((p) => p.title)).toEqual(['Bump actions/cache from 3 to 5']);
    expect(f!.notFixedBy).toEqual([
      expect.objectContaining({
        title: 'Bump actions/cache from 3 to 4',
        reason: 'v4 of actions/cache runs on Node.js 20 or older; v5 is the first on Node.js 24',
      }),
    ]);
  });

  it('leaves no fixedBy when the only PR does not fix it', () => {
    const [f] = matchPullRequests([warning()], [pr('Bump actions/cache from 3 to 4')]);
    expect(f!.fixedBy).toBeUndefined();
    expect(f!.notFixedBy).toHaveLength(1);
  });
});
