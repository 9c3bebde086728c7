/**
 * POST /graphql for the fake API: a resolver over a `World` for the part of GitHub's schema
 * audit-ci reads (WorkflowRun, CheckSuite, CheckRun, CheckStep, CheckAnnotation, Commit,
 * nodes/node, repository.object, repository.issues, rateLimit). Unknown fields fail, when resolved, like GitHub's
 * ("Field 'x' doesn't exist on type 'Y'"), connections need `first` or `last` (1-100), and
 * every query is charged GitHub's way: one request per connection per possible parent,
 * max(1, round(requests / 100)) points. `graphqlPoints(world)` is the running total.
 */
import type { RawAnnotation, RawCheckRun, RawIssue, RawJob, RawRun, World } from '../world/types.js';
import { connectionRequests, parseQuery, resolveArgs, type Field, type Selection } from './graphql-parse.js';

export { connectionRequests };
import { allJobs, jobCheckRun } from './routes-actions.js';

type Resolver = (args: Record<string, unknown>) => unknown;
interface Obj {
  __typename: string;
  [field: string]: unknown;
}

class FieldError extends Error {
  path?: (string | number)[];
}

const spent = new WeakMap<World, number>();
/** GraphQL points charged so far for queries against `world`. */
export const graphqlPoints = (world: World): number => spent.get(world) ?? 0;

const upper = (s: string | null): string | null => (s === null ? null : s.toUpperCase());

function connection(typename: string, items: () => unknown[]): Resolver {
  return (args) => {
    const first = args.first as number | undefined;
    const last = args.last as number | undefined;
    const n = first ?? last;
    if (n === undefined)
      throw new FieldError(
        `You must provide a \`first\` or \`last\` value to properly paginate the \`${typename}\` connection.`,
      );
    if (n < 1 || n > 100)
      throw new FieldError(
        `Requesting ${n} records on the \`${typename}\` connection exceeds the \`first\` limit of 100 records.`,
      );
    const all = items();
    const start =
      typeof args.after === 'string' ? Number(Buffer.from(args.after, 'base64').toString().split(':')[1]) + 1 : 0;
    const page = first !== undefined ? all.slice(start, start + n) : all.slice(Math.max(0, all.length - n));
    const end = start + page.length - 1;
    return {
      __typename: typename,
      totalCount: all.length,
      nodes: page,
      pageInfo: {
        __typename: 'PageInfo',
        hasNextPage: first !== undefined && start + n < all.length,
        endCursor: page.length ? Buffer.from(`cursor:${end}`).toString('base64') : null,
      },
    };
  };
}

interface Index {
  runs: Map<string, RawRun>;
  checkRuns: Map<string, RawCheckRun>;
  jobs: Map<number, RawJob>;
  shas: Set<string>;
  /** Check suites by node id: the commit they belong to. */
  suites: Map<string, string>;
  /** Check runs (jobs' and others) by head SHA, jobs first. */
  bySha: Map<string, RawCheckRun[]>;
  /** Runs by head SHA and the database id of their check suite (`sha:id`). */
  runBySuite: Map<string, RawRun>;
}
const indexes = new WeakMap<World, Index>();

function indexOf(w: World): Index {
  let idx = indexes.get(w);
  if (idx) return idx;
  const jobs = allJobs(w);
  const all = [...jobs.map((j) => jobCheckRun(w, j)), ...w.checkRuns];
  const bySha = new Map<string, RawCheckRun[]>();
  for (const c of all) {
    const list = bySha.get(c.head_sha);
    if (list) list.push(c);
    else bySha.set(c.head_sha, [c]);
  }
  const runBySuite = new Map<string, RawRun>();
  // The first run listed of that commit and suite.
  for (const r of w.runs) {
    const key = `${r.head_sha}:${28_000_000_000 + (r.id % 1_000_000)}`;
    if (!runBySuite.has(key)) runBySuite.set(key, r);
  }
  idx = {
    runs: new Map(w.runs.map((r) => [r.node_id, r])),
    checkRuns: new Map(all.map((c) => [c.node_id, c])),
    jobs: new Map(jobs.map((j) => [j.id, j])),
    shas: new Set(w.runs.map((r) => r.head_sha)),
    suites: new Map(all.map((c) => [suiteNodeId(c.check_suite.id), c.head_sha])),
    bySha,
    runBySuite,
  };
  indexes.set(w, idx);
  return idx;
}

function annotationObj(a: RawAnnotation): Obj {
  const pos = (line: number, column: number | null) => ({ __typename: 'CheckAnnotationPosition', line, column });
  return {
    __typename: 'CheckAnnotation',
    path: a.path,
    location: {
      __typename: 'CheckAnnotationSpan',
      start: pos(a.start_line, a.start_column),
      end: pos(a.end_line, a.end_column),
    },
    annotationLevel: upper(a.annotation_level),
    title: a.title,
    message: a.message,
    rawDetails: a.raw_details,
    blobUrl: a.blob_href,
  };
}

function checkRunObj(w: World, c: RawCheckRun): Obj {
  const job = indexOf(w).jobs.get(c.id);
  const steps = (job?.steps ?? []).map((s) => ({
    __typename: 'CheckStep',
    number: s.number,
    name: s.name,
    status: upper(s.status),
    conclusion: upper(s.conclusion),
    startedAt: s.started_at,
    completedAt: s.completed_at,
    externalId: null,
    secondsToCompletion:
      s.started_at && s.completed_at ? (Date.parse(s.completed_at) - Date.parse(s.started_at)) / 1000 : null,
  }));
  const permalink = `${w.serverUrl}/${w.owner}/${w.repo}/runs/${c.id}`;
  return {
    __typename: 'CheckRun',
    id: c.node_id,
    databaseId: c.id,
    name: c.name,
    status: upper(c.status),
    conclusion: upper(c.conclusion),
    startedAt: c.started_at,
    completedAt: c.completed_at,
    detailsUrl: c.details_url,
    externalId: c.external_id,
    permalink,
    url: permalink,
    title: c.output.title,
    summary: c.output.summary,
    text: c.output.text,
    steps: connection('CheckStepConnection', () => steps),
    annotations: connection('CheckAnnotationConnection', () => (w.annotations[String(c.id)] ?? []).map(annotationObj)),
  };
}

/** Check runs of a commit grouped into suites by `check_suite.id`; job suites link their run. */
function suitesOf(w: World, sha: string): Obj[] {
  const idx = indexOf(w);
  const bySuite = new Map<number, RawCheckRun[]>();
  for (const c of idx.bySha.get(sha) ?? []) {
    bySuite.set(c.check_suite.id, [...(bySuite.get(c.check_suite.id) ?? []), c]);
  }
  return [...bySuite.entries()].map(([id, list]) => {
    return suiteObj(w, id, list, idx.runBySuite.get(`${sha}:${id}`) ?? null);
  });
}

const suiteNodeId = (id: number): string => `CS_kwDO${id.toString(36)}`;

function suiteObj(w: World, id: number, list: RawCheckRun[], run: RawRun | null): Obj {
  return {
    __typename: 'CheckSuite',
    id: suiteNodeId(id),
    databaseId: id,
    app: {
      __typename: 'App',
      slug: list[0]?.app.slug ?? 'github-actions',
      name: list[0]?.app.name ?? 'GitHub Actions',
    },
    workflowRun: () => (run ? runObj(w, run) : null),
    checkRuns: connection('CheckRunConnection', () => list.map((c) => checkRunObj(w, c))),
  };
}

function runObj(w: World, r: RawRun): Obj {
  const suiteId = 28_000_000_000 + (r.id % 1_000_000);
  return {
    __typename: 'WorkflowRun',
    id: r.node_id,
    databaseId: r.id,
    runNumber: r.run_number,
    event: r.event,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    url: r.html_url,
    // Jobs of every attempt share the run's suite: GraphQL cannot tell attempts apart.
    checkSuite: () =>
      suiteObj(
        w,
        suiteId,
        (w.jobs[String(r.id)] ?? []).filter((j) => j.conclusion !== 'skipped').map((j) => jobCheckRun(w, j)),
        r,
      ),
  };
}

/** Runs the fake treats as deleted (their REST jobs answer 404): GraphQL cannot resolve them either. */
const hiddenRuns = new WeakMap<World, (runId: number) => boolean>();

export function hideRuns(w: World, hidden: (runId: number) => boolean): void {
  hiddenRuns.set(w, hidden);
}

function nodeObj(w: World, id: string): Obj | null {
  const idx = indexOf(w);
  const run = idx.runs.get(id);
  if (run) return hiddenRuns.get(w)?.(run.id) ? null : runObj(w, run);
  const cr = idx.checkRuns.get(id);
  if (cr) return checkRunObj(w, cr);
  const sha = idx.suites.get(id);
  return sha === undefined ? null : (suitesOf(w, sha).find((s) => s.id === id) ?? null);
}

function issueObj(i: RawIssue): Obj {
  return {
    __typename: 'Issue',
    id: i.node_id,
    databaseId: i.id,
    number: i.number,
    url: i.html_url,
    title: i.title,
    body: i.body ?? '',
    state: upper(i.state),
    stateReason: upper(i.state_reason),
    createdAt: i.created_at,
    updatedAt: i.updated_at,
    closedAt: i.closed_at,
    locked: i.locked,
  };
}

/** `Repository.issues`: the server's issues (pull requests are not issues here), filtered by
 * `labels` (any of them, by name) and `states`, ordered by `orderBy` (default: created, ascending). */
function issuesConnection(issues: RawIssue[]): Resolver {
  return (a) => {
    const labels = ((a.labels as string[] | undefined) ?? []).map((l) => l.toLowerCase());
    const states = ((a.states as string[] | undefined) ?? []).map((x) => x.toLowerCase());
    const order = (a.orderBy ?? {}) as { field?: string; direction?: string };
    const key = order.field === 'UPDATED_AT' ? 'updated_at' : 'created_at';
    const dir = order.direction === 'DESC' ? -1 : 1;
    const list = issues
      .filter((i) => !labels.length || i.labels.some((l) => labels.includes(l.name.toLowerCase())))
      .filter((i) => !states.length || states.includes(i.state))
      .sort((x, y) => dir * (Date.parse(x[key]) - Date.parse(y[key]) || x.number - y.number))
      .map(issueObj);
    return connection('IssueConnection', () => list)(a);
  };
}

function repositoryObj(w: World, issues: RawIssue[]): Obj {
  return {
    __typename: 'Repository',
    id: w.repository.node_id,
    databaseId: w.repository.id,
    nameWithOwner: `${w.owner}/${w.repo}`,
    object: (a: Record<string, unknown>) => {
      const oid = String(a.oid ?? '');
      if (!indexOf(w).shas.has(oid)) return null;
      return { __typename: 'Commit', oid, checkSuites: connection('CheckSuiteConnection', () => suitesOf(w, oid)) };
    },
    issues: issuesConnection(issues),
  };
}

interface Ctx {
  vars: Record<string, unknown>;
  /** `Type.field`s this server's schema lacks (an older GHES). */
  missing: Set<string>;
  errors: { message: string; type?: string; path: (string | number)[] }[];
}

function execute(obj: Obj, selections: Selection[], ctx: Ctx, path: (string | number)[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const s of selections) {
    if (s.kind === 'fragment') {
      if (s.on === obj.__typename) Object.assign(out, execute(obj, s.selections, ctx, path));
      continue;
    }
    const key = s.alias ?? s.name;
    out[key] = resolveField(obj, s, ctx, [...path, key]);
  }
  return out;
}

function resolveField(obj: Obj, f: Field, ctx: Ctx, path: (string | number)[]): unknown {
  if (f.name === '__typename') return obj.__typename;
  if (!(f.name in obj) || ctx.missing.has(`${obj.__typename}.${f.name}`))
    throw Object.assign(
      new FieldError(
        `Field '${f.name}' doesn't exist on type '${obj.__typename}' (not supported by the fake GitHub API)`,
      ),
      { path },
    );
  const raw = obj[f.name];
  let value: unknown;
  try {
    value = typeof raw === 'function' ? (raw as Resolver)(resolveArgs(f.args, ctx.vars)) : raw;
  } catch (e) {
    if (e instanceof FieldError) e.path ??= path;
    throw e;
  }
  return shape(value, f, ctx, path);
}

function shape(value: unknown, f: Field, ctx: Ctx, path: (string | number)[]): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map((v, i) => shape(v, f, ctx, [...path, i]));
  if (typeof value !== 'object') {
    if (f.selections.length) throw new FieldError(`Selections can't be made on scalars (field '${f.name}')`);
    return value;
  }
  if (!f.selections.length) throw new FieldError(`Field must have selections (field '${f.name}' returns an object)`);
  const o = value as Obj;
  return execute({ ...o, __typename: o.__typename ?? 'Object' }, f.selections, ctx, path);
}

function queryRoot(w: World, ctx: Ctx, cost: number, issues: RawIssue[]): Obj {
  const used = graphqlPoints(w);
  return {
    __typename: 'Query',
    rateLimit: {
      __typename: 'RateLimit',
      cost,
      limit: 5000,
      remaining: Math.max(0, 5000 - used),
      used,
      resetAt: w.now,
    },
    node: (a: Record<string, unknown>) => nodeObj(w, String(a.id)),
    nodes: (a: Record<string, unknown>) =>
      ((a.ids as unknown[]) ?? []).map((id, i) => {
        const n = nodeObj(w, String(id));
        if (!n)
          ctx.errors.push({
            type: 'NOT_FOUND',
            path: ['nodes', i],
            message: `Could not resolve to a node with the global id of '${String(id)}'`,
          });
        return n;
      }),
    repository: (a: Record<string, unknown>) =>
      String(a.owner).toLowerCase() === w.owner.toLowerCase() && String(a.name).toLowerCase() === w.repo.toLowerCase()
        ? repositoryObj(w, issues)
        : null,
  };
}

export interface GraphqlOptions {
  /** The server's issues (its state), for `repository.issues`; default: the world's. */
  issues?: RawIssue[];
  /** `Type.field`s the schema lacks, answered as validation errors (e.g. `Repository.issues`). */
  missingFields?: string[];
}

/** Answer a POST /graphql body (`{ query, variables }`) as GitHub would (always HTTP 200). */
export function handleGraphql(world: World, body: unknown, o: GraphqlOptions = {}): Record<string, unknown> {
  const issues = o.issues ?? world.issues;
  const { query, variables } = (body ?? {}) as { query?: unknown; variables?: Record<string, unknown> };
  if (typeof query !== 'string')
    return { errors: [{ message: 'A query attribute must be specified and must be a string.' }] };
  const vars = variables ?? {};
  let selections: Selection[];
  try {
    selections = parseQuery(query);
  } catch (e) {
    return { errors: [{ message: (e as Error).message }] };
  }
  const cost = Math.max(1, Math.round(connectionRequests(selections, vars) / 100));
  const ctx: Ctx = { vars, errors: [], missing: new Set(o.missingFields ?? []) };
  try {
    const data = execute(queryRoot(world, ctx, cost, issues), selections, ctx, []);
    spent.set(world, graphqlPoints(world) + cost);
    return ctx.errors.length ? { data, errors: ctx.errors } : { data };
  } catch (e) {
    if (!(e instanceof FieldError)) throw e;
    // Validation errors are found before execution on GitHub: nothing is charged. Each names
    // its place in the query (GitHub's path starts with the operation).
    return {
      errors: [
        {
          message: e.message,
          extensions: { code: 'undefinedField' },
          ...(e.path ? { path: ['query', ...e.path] } : {}),
        },
      ],
    };
  }
}
