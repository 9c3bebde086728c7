/** GraphQL batching: the query, its cost, and the mapping of GitHub's answers to History shapes. */
import {
  detailsQuery,
  SUITES_FIRST,
  applyDetails,
  estimateDetailsPoints,
  estimateRunsPoints,
  estimateSuitesPoints,
  isJobCheckRun,
  parseCommitNode,
  parseRunNode,
  parseSuiteNode,
  pack,
  REQUESTS_PER_QUERY,
  RUNS_PER_QUERY,
  listVars,
  runsQuery,
  suitesQuery,
  toJobGql,
  type GqlSuite,
  type RunsData,
  type GqlCheckRun,
  type GqlRunNode,
} from '../src/github/graphql.js';
import { toJob, toRun, type GhJob, type GhRun } from '../src/collect/map.js';
import type { Run } from '../src/types.js';
import { parseQuery } from '../test/fake-github/graphql-parse.js';
import { connectionRequests, graphqlPoints, handleGraphql } from '../test/fake-github/graphql.js';
import { generateWorld } from '../test/world/generate.js';

const world = generateWorld({ seed: 3, runs: 80 });
const runOf = (r: GhRun): Run => ({ ...toRun(r, new Map()), nodeId: (r as unknown as { node_id: string }).node_id });

/** A check run node exactly as api.github.com sends it (enums upper-case, nested location). */
const FIXTURE: GqlCheckRun = {
  id: 'CR_kwDOABCD8s8AAAAK',
  databaseId: 31_500_000_001,
  name: 'test (3.12)',
  status: 'COMPLETED',
  conclusion: 'FAILURE',
  startedAt: '2026-11-20T10:00:05Z',
  completedAt: '2026-11-20T10:12:40Z',
  detailsUrl: 'https://github.com/acme/widgets/actions/runs/19400000001/job/31500000001',
  permalink: 'https://github.com/acme/widgets/runs/31500000001',
  title: null,
  summary: null,
  text: null,
  steps: {
    nodes: [
      {
        number: 1,
        name: 'Set up job',
        status: 'COMPLETED',
        conclusion: 'SUCCESS',
        startedAt: '2026-11-20T10:00:05Z',
        completedAt: '2026-11-20T10:00:07Z',
      },
      {
        number: 4,
        name: 'Run pytest',
        status: 'COMPLETED',
        conclusion: 'FAILURE',
        startedAt: '2026-11-20T10:00:30Z',
        completedAt: '2026-11-20T10:12:38Z',
      },
    ],
  },
  annotations: {
    totalCount: 2,
    nodes: [
      {
        path: '.github',
        location: { start: { line: 1 } },
        annotationLevel: 'FAILURE',
        title: null,
        message: 'Process completed with exit code 1.',
      },
      {
        path: 'tests/test_sync.py',
        location: { start: { line: 42 } },
        annotationLevel: 'WARNING',
        title: 'Slow',
        message: 'slow test',
      },
    ],
  },
};

describe('queries', () => {
  it('are valid GraphQL with rateLimit, the runs by node id and one alias per commit', () => {
    const q = runsQuery(2, ['a'.repeat(40), 'b'.repeat(40)]);
    const top = parseQuery(q).map((s) => (s.kind === 'field' ? (s.alias ?? s.name) : s.on));
    expect(top).toEqual(['rateLimit', 'r0', 'r1', 'repository']);
    expect(q).toContain('c0: object(oid: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")');
    expect(q).toContain('c1: object(oid: "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")');
    const names = (q: string) => parseQuery(q).map((s) => (s.kind === 'field' ? (s.alias ?? s.name) : s.on));
    expect(names(runsQuery(1, []))).toEqual(['rateLimit', 'r0']);
    expect(names(detailsQuery(2, 1))).toEqual(['rateLimit', 'j0', 'j1', 'a0']);
  });

  it('refuses anything but a SHA inside the query text', () => {
    expect(() => runsQuery(1, ['") { evil }'])).toThrow(/not a commit SHA/);
  });

  it('estimate the points GitHub charges: nothing nested under a padded job list', () => {
    for (const [runs, commits] of [
      [1, 0],
      [100, 100],
      [100, 40],
      [7, 3],
    ] as const) {
      const shas = Array.from({ length: commits }, (_, i) => i.toString(16).padStart(40, '0'));
      const vars = {
        ...listVars(
          'r',
          Array.from({ length: runs }, (_, i) => `WFR_${i}`),
        ),
        owner: 'o',
        name: 'r',
      };
      const requests = connectionRequests(parseQuery(runsQuery(Math.ceil(runs / 100), shas)), vars);
      // A commit's suites are a leaf list (ids only): one request whatever SUITES_FIRST is.
      expect(SUITES_FIRST).toBeGreaterThan(1);
      expect(requests).toBe(runs + commits);
      expect(estimateRunsPoints(runs, commits)).toBe(Math.max(1, Math.round(requests / 100)));
    }
    const ids = (p: string, n: number) =>
      listVars(
        p,
        Array.from({ length: n }, (_, i) => `CR_${i}`),
      );
    // 300 jobs (2 requests each) and 150 reports (1 each) in one query.
    const vars = { ...ids('j', 300), ...ids('a', 150) };
    expect(connectionRequests(parseQuery(detailsQuery(3, 2)), vars)).toBe(750);
    expect(estimateDetailsPoints(300, 150)).toBe(8);
    expect(estimateDetailsPoints(0, 100)).toBe(1);
    // A full query: 74 runs with their commits and the tracking issues, 149 requests, 1 point.
    expect(estimateRunsPoints(RUNS_PER_QUERY, RUNS_PER_QUERY, true)).toBe(1);
    expect(estimateRunsPoints(RUNS_PER_QUERY + 1, RUNS_PER_QUERY, true)).toBe(2);
    // Suites: one request each for their check runs (scalars).
    expect(connectionRequests(parseQuery(suitesQuery(3)), ids('s', 250))).toBe(250);
    expect(estimateSuitesPoints(250)).toBe(3);
  });
});

describe('packing a query', () => {
  it('fills each query up to 149 requests (1 point), in order, nothing lost', () => {
    const items = Array.from({ length: 500 }, (_, i) => ({ i, job: i % 3 !== 0 }));
    const weight = (x: { job: boolean }) => (x.job ? 2 : 1);
    const batches = pack(items, weight);
    expect(batches.flat()).toEqual(items);
    for (const b of batches) {
      const load = b.reduce((n, x) => n + weight(x), 0);
      expect(load).toBeLessThanOrEqual(REQUESTS_PER_QUERY);
      expect(estimateDetailsPoints(b.filter((x) => x.job).length, b.filter((x) => !x.job).length)).toBe(1);
    }
    // Full but for the last: one more item would have gone over.
    for (const b of batches.slice(0, -1)) expect(b.reduce((n, x) => n + weight(x), 0)).toBeGreaterThan(147);
    expect(pack([], weight)).toEqual([]);
    expect(pack([{ job: true }], () => 500)).toEqual([[{ job: true }]]);
  });
});

describe('mapping GitHub answers', () => {
  const run: Run = { ...runOf(world.runs[0]!), runStartedAt: '2026-11-20T09:59:00Z' };

  it('maps a job check run to a Job: lower-case enums, steps, annotations, run start as creation', () => {
    const job = toJobGql(FIXTURE, run);
    expect(job).toMatchObject({
      id: 31_500_000_001,
      runId: run.id,
      status: 'completed',
      conclusion: 'failure',
      createdAt: '2026-11-20T09:59:00Z',
      url: FIXTURE.detailsUrl,
      runnerName: null,
      labels: [],
      annotationsCount: 2,
    });
    expect(job.steps.map((s) => [s.number, s.conclusion])).toEqual([
      [1, 'success'],
      [4, 'failure'],
    ]);
    expect(job.annotations[1]).toEqual({
      path: 'tests/test_sync.py',
      startLine: 42,
      level: 'warning',
      title: 'Slow',
      message: 'slow test',
    });
  });

  it('fills steps and annotations into a listed job', () => {
    const listed = toJobGql({ ...FIXTURE, steps: undefined, annotations: undefined }, run);
    expect([listed.steps, listed.annotationsCount]).toEqual([[], -1]);
    applyDetails(listed, FIXTURE);
    expect(listed).toEqual(toJobGql(FIXTURE, run));
  });

  it('says a commit is incomplete when it has more suites than one query lists', () => {
    const suites = { pageInfo: { hasNextPage: true }, nodes: [] };
    expect(parseCommitNode({ checkSuites: suites }).complete).toBe(false);
    expect(parseCommitNode(null).complete).toBe(false);
    expect(parseSuiteNode({ checkRuns: { pageInfo: { hasNextPage: true }, nodes: [] } }, 'a'.repeat(40)).complete).toBe(
      false,
    );
    expect(parseSuiteNode(null, 'a'.repeat(40)).complete).toBe(false);
  });

  it('tells jobs from test reports by their details URL', () => {
    expect(isJobCheckRun(FIXTURE)).toBe(true);
    expect(isJobCheckRun({ detailsUrl: 'https://github.com/acme/widgets/runs/58900000001' })).toBe(false);
    expect(isJobCheckRun({ detailsUrl: null })).toBe(false);
  });

  it('says a run is incomplete when its suite has more check runs than were read', () => {
    const node: GqlRunNode = {
      id: 'WFR_x',
      databaseId: run.id,
      checkSuite: {
        app: { slug: 'github-actions' },
        checkRuns: { totalCount: 25, pageInfo: { hasNextPage: true }, nodes: [FIXTURE] },
      },
    };
    expect(parseRunNode(node, run).complete).toBe(false);
    expect(parseRunNode({ ...node, checkSuite: null }, run).complete).toBe(false);
  });
});

describe('against the fake API (same data as REST)', () => {
  const runs = world.runs.filter((r) => r.run_attempt === 1).slice(0, 6);
  const shas = [...new Set(runs.map((r) => r.head_sha))];
  const answer = handleGraphql(world, {
    query: runsQuery(1, shas),
    variables: { r0: runs.map((r) => r.node_id), owner: 'acme', name: 'widgets' },
  }) as { data: RunsData & { rateLimit: { cost: number } }; errors?: unknown };

  it('answers without errors and charges the estimated points', () => {
    expect(answer.errors).toBeUndefined();
    expect(answer.data.rateLimit.cost).toBe(estimateRunsPoints(runs.length, shas.length));
    expect(graphqlPoints(world)).toBeGreaterThanOrEqual(answer.data.rateLimit.cost);
  });

  it('gives each run the jobs, steps and annotations REST gives', () => {
    runs.forEach((raw, i) => {
      const run = runOf(raw);
      const got = parseRunNode(answer.data.r0![i] as GqlRunNode, run);
      expect(got.complete).toBe(true);
      const rest = (world.jobs[String(raw.id)] ?? []).filter((j) => j.conclusion !== 'skipped');
      expect(got.jobs.map((j) => j.id).sort()).toEqual(rest.map((j) => j.id).sort());
      const ids = got.jobs.map((j) => got.nodeIds.get(j.id)!);
      const details = handleGraphql(world, { query: detailsQuery(1, 0), variables: { j0: ids } }) as {
        data: { j0: GqlCheckRun[] };
      };
      got.jobs.forEach((job, k) => applyDetails(job, details.data.j0[k]!));
      for (const job of got.jobs) {
        const expected = toJob(rest.find((j) => j.id === job.id) as unknown as GhJob, run);
        expect(job.steps).toEqual(expected.steps);
        expect([job.name, job.conclusion, job.startedAt, job.url]).toEqual([
          expected.name,
          expected.conclusion,
          expected.startedAt,
          expected.url,
        ]);
        const annotations = world.annotations[String(job.id)] ?? [];
        expect(job.annotationsCount).toBe(annotations.length);
        expect(job.annotations.map((a) => a.message)).toEqual(annotations.map((a) => a.message));
      }
    });
  });

  it('finds the test-report check runs of each commit in its suites, with their summaries', () => {
    shas.forEach((sha, i) => {
      const { suites, complete } = parseCommitNode(answer.data.repository?.[`c${i}`]);
      expect(complete).toBe(true);
      expect(suites.length).toBeGreaterThan(0);
      const res = handleGraphql(world, { query: suitesQuery(1), variables: { s0: suites.map((s) => s.id) } }) as {
        data: { s0: GqlSuite[] };
        errors?: unknown;
      };
      expect(res.errors).toBeUndefined();
      const found = res.data.s0.map((node) => parseSuiteNode(node, sha));
      expect(found.every((f) => f.complete)).toBe(true);
      const checkRuns = found.flatMap((f) => f.checkRuns);
      const nodeIds = new Map(found.flatMap((f) => [...f.nodeIds]));
      const expected = world.checkRuns.filter((c) => c.head_sha === sha);
      expect(checkRuns.map((c) => c.id).sort()).toEqual(expected.map((c) => c.id).sort());
      for (const c of checkRuns) {
        const raw = expected.find((x) => x.id === c.id)!;
        expect([c.name, c.conclusion, c.summary, c.url]).toEqual([
          raw.name,
          raw.conclusion,
          raw.output.summary,
          raw.html_url,
        ]);
        expect(nodeIds.get(c.id)).toBe(raw.node_id);
        expect(c.annotationsCount).toBe(-1);
      }
    });
  });

  it('reads annotations of check runs by node id, 100 for one point', () => {
    const ids = world.checkRuns.slice(0, 100).map((c) => c.node_id);
    const res = handleGraphql(world, { query: detailsQuery(0, 1), variables: { a0: ids } }) as {
      data: { rateLimit: { cost: number }; a0: { databaseId: number; annotations: { totalCount: number } }[] };
    };
    expect(res.data.rateLimit.cost).toBe(1);
    expect(res.data.a0[0]!.databaseId).toBe(world.checkRuns[0]!.id);
    expect(res.data.a0[0]!.annotations.totalCount).toBe(
      (world.annotations[String(world.checkRuns[0]!.id)] ?? []).length,
    );
  });

  it('fails like GitHub on unknown fields, unpaginated connections and unknown ids', () => {
    const bad = handleGraphql(world, {
      query: `{ nodes(ids: ["${runs[0]!.node_id}"]) { ... on WorkflowRun { runnerName } } }`,
    });
    expect(JSON.stringify(bad.errors)).toContain("Field 'runnerName' doesn't exist on type 'WorkflowRun'");
    const unpaged = handleGraphql(world, {
      query: `{ nodes(ids: ["${runs[0]!.node_id}"]) { ... on WorkflowRun { checkSuite { checkRuns { totalCount } } } } }`,
    });
    expect(JSON.stringify(unpaged.errors)).toContain('You must provide a `first` or `last` value');
    const missing = handleGraphql(world, { query: '{ nodes(ids: ["nope"]) { id } }' }) as {
      data: { nodes: unknown[] };
      errors: { type: string }[];
    };
    expect(missing.data.nodes).toEqual([null]);
    expect(missing.errors[0]!.type).toBe('NOT_FOUND');
  });
});
