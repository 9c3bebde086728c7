/** The repository around the runs: workflows, workflow files, and open pull requests. */
import { SYSTEMIC } from './plans.js';
import { BRANCHES } from './scenario.js';
import { ghUser, type RawIssue, type RawPull, type RawUser, type RawWorkflow, type World } from './types.js';

export function workflowsOf(w: World): RawWorkflow[] {
  const full = `${w.owner}/${w.repo}`;
  const wf = (id: number, name: string, file: string): RawWorkflow => ({
    id,
    node_id: `W_kwDO${id.toString(36)}`,
    name,
    path: `.github/workflows/${file}`,
    state: 'active',
    created_at: '2025-03-02T10:11:12.000Z',
    updated_at: '2026-10-30T08:00:00.000Z',
    url: `${w.apiUrl}/repos/${full}/actions/workflows/${id}`,
    html_url: `${w.serverUrl}/${full}/blob/main/.github/workflows/${file}`,
    badge_url: `${w.serverUrl}/${full}/workflows/${encodeURIComponent(name)}/badge.svg`,
  });
  return [wf(61_000_001, 'CI', 'ci.yml'), wf(61_000_002, 'Docs', 'docs.yml'), wf(61_000_003, 'Release', 'release.yml')];
}

const CI_YML = `name: CI
on: [push, pull_request]
concurrency: { group: CI-\${{ github.ref }}, cancel-in-progress: true }
permissions: { contents: read }
jobs:
  lint: { runs-on: ubuntu-latest, steps: [{ uses: actions/checkout@v4 }, { run: ruff check . && mypy src }] }
  test:
    runs-on: ubuntu-latest
    timeout-minutes: 30
    steps:
      - uses: actions/checkout@v4
      - uses: actions/cache@v3
        with: { path: ~/.cache/pip, key: pip-\${{ hashFiles('requirements*.txt') }} }
      - run: pytest -n 4 --durations=10 --cov
      - uses: ./.github/actions/report-flaky-aware-tests
        with: { name: Unit + Integration Tests }
  build-image:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Fetch image notes
        run: git fetch origin 'refs/notes/*:refs/notes/*' || true
      - name: Build base image
        run: ./scripts/build-base-image.sh
  acceptance:
    needs: build-image
    runs-on: [self-hosted, linux, modal]
    steps:
      - uses: actions/checkout@v4
      - run: pytest tests/acceptance
      - uses: ./.github/actions/report-flaky-aware-tests
        with: { name: Acceptance Tests }
`;

const DOCS_YML = `name: Docs
on: [push, pull_request]
jobs:
  build-docs:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with: { fetch-depth: 0 }
      - name: Build docs
        run: mkdocs build --strict
`;

const RELEASE_YML = `name: Release
on: { push: { branches: ['release/**'] } }
jobs:
  release-tests: { runs-on: ubuntu-latest, steps: [{ uses: actions/checkout@v4 }, { run: pytest tests/release }] }
`;

export function repoFiles(): Record<string, string> {
  return {
    '.github/workflows/ci.yml': CI_YML,
    '.github/workflows/docs.yml': DOCS_YML,
    '.github/workflows/release.yml': RELEASE_YML,
  };
}

const DEV: RawUser = ghUser('octo-dev', 58321);
const DEPENDABOT: RawUser = ghUser('dependabot[bot]', 49699333, 'Bot');

/** The PR branches of the history, plus three PRs that name (or seem to name) findings. */
export function openPulls(w: World, nowMs: number): RawPull[] {
  const full = `${w.owner}/${w.repo}`;
  const pull = (
    number: number,
    title: string,
    body: string,
    ref: string,
    user: RawUser,
    fork = false,
    ageH = 30,
  ): RawPull => ({
    id: 1_900_000_000 + number,
    number,
    state: 'open',
    title,
    body,
    draft: false,
    html_url: `${w.serverUrl}/${full}/pull/${number}`,
    url: `${w.apiUrl}/repos/${full}/pulls/${number}`,
    user,
    created_at: new Date(nowMs - (ageH + 48) * 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    updated_at: new Date(nowMs - ageH * 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    head: {
      ref,
      sha: `${number}`.padEnd(40, 'a'),
      label: `${fork ? 'drive-by-contributor' : w.owner}:${ref}`,
      repo: fork
        ? { id: 777_001, full_name: `drive-by-contributor/${w.repo}`, fork: true }
        : { id: w.repository.id, full_name: full, fork: false },
    },
    base: { ref: 'main', sha: 'b'.repeat(40), label: `${w.owner}:main` },
    labels: [],
  });
  const branchPrs = BRANCHES.filter((b) => b.pr).map((b) =>
    pull(
      b.pr!,
      b.title,
      `Implements ${b.title.toLowerCase()}.`,
      b.name,
      b.fork ? ghUser('drive-by-contributor', 99001) : DEV,
      b.fork,
    ),
  );
  return [
    pull(
      110,
      `Fix clock skew in ${SYSTEMIC.test}`,
      `Signs presigned URLs with the server clock. The test \`${SYSTEMIC.test}\` failed on several unrelated branches.`,
      'fix/presigned-url-clock',
      DEV,
      false,
      5,
    ),
    pull(111, 'Fix flaky tests', 'Retry a few tests that fail sometimes.', 'fix-flaky', DEV, false, 8),
    pull(
      112,
      'Bump actions/cache from 3 to 4',
      'Bumps [actions/cache](https://github.com/actions/cache) from 3 to 4.\n\n- [Release notes](https://github.com/actions/cache/releases)',
      'dependabot/github_actions/actions/cache-4',
      DEPENDABOT,
      false,
      12,
    ),
    ...branchPrs,
  ].sort((a, b) => b.number - a.number);
}

/** An issue as GitHub returns it, to seed a world (e.g. earlier tracking issues). */
export function seedIssue(
  w: World,
  o: { number: number; title: string; body: string; labels: string[]; state?: 'open' | 'closed'; createdAt: string },
): RawIssue {
  const full = `${w.owner}/${w.repo}`;
  const labels = o.labels.map((name, i) => ({
    id: 7_100_000 + i,
    node_id: `LA_seed${i}`,
    url: `${w.apiUrl}/repos/${full}/labels/${encodeURIComponent(name)}`,
    name,
    color: 'ededed',
    default: false,
    description: null,
  }));
  return {
    id: 2_500_000_000 + o.number,
    node_id: `I_kwDOseed${o.number}`,
    number: o.number,
    url: `${w.apiUrl}/repos/${full}/issues/${o.number}`,
    html_url: `${w.serverUrl}/${full}/issues/${o.number}`,
    title: o.title,
    body: o.body,
    state: o.state ?? 'open',
    state_reason: o.state === 'closed' ? 'completed' : null,
    labels,
    user: ghUser('github-actions[bot]', 41898282, 'Bot'),
    comments: 0,
    created_at: o.createdAt,
    updated_at: o.createdAt,
    closed_at: o.state === 'closed' ? o.createdAt : null,
    locked: false,
  };
}
