/** Issues, comments, labels and the GraphQL pin mutation, kept in memory so tests can assert writes. */
import { handleGraphql } from './graphql.js';
import { ghUser, type RawIssue, type RawLabel } from '../world/types.js';
import { list, notFound, validationFailed, type Reply } from './http.js';
import { route, type Ctx, type FakeState, type Route } from './state.js';

const REPO = '/repos/{owner}/{repo}';
const BOT = ghUser('github-actions[bot]', 41898282, 'Bot');

type Json = Record<string, unknown>;
const obj = (b: unknown): Json => (b && typeof b === 'object' ? (b as Json) : {});

function ensureLabel(c: Ctx, name: string): RawLabel {
  const s = c.state;
  const found = s.labels.find((l) => l.name.toLowerCase() === name.toLowerCase());
  if (found) return found;
  const w = s.world;
  const label: RawLabel = {
    id: s.nextId++,
    node_id: `LA_${s.nextId}`,
    url: `${w.apiUrl}/repos/${w.owner}/${w.repo}/labels/${encodeURIComponent(name)}`,
    name,
    color: 'ededed',
    default: false,
    description: null,
  };
  s.labels.push(label);
  return label;
}

function labelNames(v: unknown): string[] {
  return Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : String(obj(x).name ?? ''))).filter(Boolean) : [];
}

function bodyTooLong(body: unknown, limit: number): Reply | null {
  if (typeof body === 'string' && body.length > limit) {
    return validationFailed([
      {
        resource: 'Issue',
        code: 'custom',
        field: 'body',
        message: `body is too long (maximum is ${limit} characters)`,
      },
    ]);
  }
  return null;
}

function listIssues(c: Ctx): Reply {
  const q = c.url.searchParams;
  const state = q.get('state') ?? 'open';
  const wanted = (q.get('labels') ?? '')
    .split(',')
    .map((l) => l.trim().toLowerCase())
    .filter(Boolean);
  let items = c.state.issues.filter((i) => state === 'all' || i.state === state);
  items = items.filter((i) => wanted.every((l) => i.labels.some((x) => x.name.toLowerCase() === l)));
  if (q.get('creator')) items = items.filter((i) => i.user.login === q.get('creator'));
  const key = q.get('sort') === 'updated' ? 'updated_at' : 'created_at';
  const dir = q.get('direction') === 'asc' ? 1 : -1;
  items = [...items].sort((a, b) => dir * (Date.parse(a[key]) - Date.parse(b[key]) || a.number - b.number));
  return list(items, c.url, c.origin);
}

function nextNumber(s: FakeState): number {
  const used = [...s.issues.map((i) => i.number), ...s.world.pulls.map((p) => p.number)];
  return Math.max(0, ...used) + 1;
}

function createIssue(c: Ctx, limit: number): Reply {
  const b = obj(c.body);
  if (typeof b.title !== 'string' || !b.title)
    return validationFailed([{ resource: 'Issue', code: 'missing_field', field: 'title' }]);
  const tooLong = bodyTooLong(b.body, limit);
  if (tooLong) return tooLong;
  const s = c.state;
  const w = s.world;
  const number = nextNumber(s);
  const id = s.nextId++;
  const issue: RawIssue = {
    id,
    node_id: `I_kwDO${id.toString(36)}`,
    number,
    url: `${w.apiUrl}/repos/${w.owner}/${w.repo}/issues/${number}`,
    html_url: `${w.serverUrl}/${w.owner}/${w.repo}/issues/${number}`,
    title: b.title,
    body: typeof b.body === 'string' ? b.body : null,
    state: 'open',
    state_reason: null,
    // GitHub creates labels that do not exist yet when a writer names them.
    labels: labelNames(b.labels).map((n) => ensureLabel(c, n)),
    user: BOT,
    comments: 0,
    created_at: c.now(),
    updated_at: c.now(),
    closed_at: null,
    locked: false,
  };
  s.issues.push(issue);
  return { status: 201, body: issue, headers: { location: issue.url } };
}

function updateIssue(c: Ctx, n: string, limit: number): Reply {
  const issue = c.state.issues.find((i) => String(i.number) === n);
  if (!issue) return notFound();
  const b = obj(c.body);
  const tooLong = bodyTooLong(b.body, limit);
  if (tooLong) return tooLong;
  if (typeof b.title === 'string') issue.title = b.title;
  if (typeof b.body === 'string' || b.body === null) issue.body = b.body;
  if (b.labels !== undefined) issue.labels = labelNames(b.labels).map((l) => ensureLabel(c, l));
  if (b.state === 'open' || b.state === 'closed') {
    if (b.state !== issue.state) issue.closed_at = b.state === 'closed' ? c.now() : null;
    issue.state = b.state;
    issue.state_reason =
      b.state === 'closed'
        ? b.state_reason === 'not_planned' || b.state_reason === 'duplicate'
          ? b.state_reason
          : 'completed'
        : b.state_reason === 'reopened'
          ? 'reopened'
          : null;
  }
  issue.updated_at = c.now();
  return { status: 200, body: issue };
}

function addComment(c: Ctx, n: string, limit: number): Reply {
  const issue = c.state.issues.find((i) => String(i.number) === n);
  if (!issue) return notFound();
  const b = obj(c.body);
  if (typeof b.body !== 'string' || !b.body)
    return validationFailed([{ resource: 'IssueComment', code: 'missing_field', field: 'body' }]);
  const tooLong = bodyTooLong(b.body, limit);
  if (tooLong) return tooLong;
  const id = c.state.nextId++;
  const comment = {
    id,
    body: b.body,
    user: BOT,
    created_at: c.now(),
    updated_at: c.now(),
    html_url: `${issue.html_url}#issuecomment-${id}`,
  };
  c.state.comments.set(issue.number, [...(c.state.comments.get(issue.number) ?? []), comment]);
  issue.comments++;
  return { status: 201, body: comment };
}

function createLabel(c: Ctx): Reply {
  const b = obj(c.body);
  if (typeof b.name !== 'string' || !b.name)
    return validationFailed([{ resource: 'Label', code: 'missing_field', field: 'name' }]);
  if (c.state.labels.some((l) => l.name.toLowerCase() === String(b.name).toLowerCase())) {
    return validationFailed([{ resource: 'Label', code: 'already_exists', field: 'name' }]);
  }
  const label = ensureLabel(c, b.name);
  if (typeof b.color === 'string') label.color = b.color.replace(/^#/, '');
  if (typeof b.description === 'string') label.description = b.description;
  return { status: 201, body: label };
}

/** GraphQL `unpinIssue`: unpinning an issue that is not pinned is not an error on GitHub either. */
function unpinIssue(c: Ctx, query: string, vars: Json): Reply | null {
  if (!/\bunpinIssue\b/.test(query)) return null;
  const id = String(vars.issueId ?? vars.id ?? '');
  const issue = c.state.issues.find((i) => i.node_id === id);
  if (!issue) {
    return nodeNotFound('unpinIssue', id);
  }
  c.state.pinned.delete(id);
  return { status: 200, body: { data: { unpinIssue: { issue: { id, number: issue.number, isPinned: false } } } } };
}

/** GitHub's answer to a mutation naming a node id it does not know. */
function nodeNotFound(field: string, id: string): Reply {
  return {
    status: 200,
    body: {
      data: { [field]: null },
      errors: [
        { type: 'NOT_FOUND', path: [field], message: `Could not resolve to a node with the global id of '${id}'.` },
      ],
    },
  };
}

/** GraphQL: the `pinIssue` mutation here; queries go to the world's resolver (graphql.ts). */
function graphql(c: Ctx, schemaErrors: boolean, missingFields: string[]): Reply {
  const b = obj(c.body);
  const query = typeof b.query === 'string' ? b.query : '';
  // Queries (runs, check runs, annotations, tracking issues) are answered by the resolver over the world.
  const unpinned = unpinIssue(c, query, obj(b.variables));
  if (unpinned) return unpinned;
  if (!/\bpinIssue\b/.test(query) && schemaErrors)
    return {
      status: 200,
      body: { errors: [{ message: "Field 'checkSuite' doesn't exist on type 'WorkflowRun'", locations: [] }] },
    };
  if (!/\bpinIssue\b/.test(query))
    return { status: 200, body: handleGraphql(c.state.world, c.body, { issues: c.state.issues, missingFields }) };
  const vars = obj(b.variables);
  const id = String(vars.issueId ?? vars.id ?? /issueId:\s*"([^"]+)"/.exec(query)?.[1] ?? '');
  const issue = c.state.issues.find((i) => i.node_id === id);
  if (!issue) return nodeNotFound('pinIssue', id);
  if (!c.state.pinned.has(id) && c.state.pinned.size >= 3) {
    return {
      status: 200,
      body: {
        data: { pinIssue: null },
        errors: [
          { type: 'UNPROCESSABLE', path: ['pinIssue'], message: 'You can only pin up to 3 issues per repository.' },
        ],
      },
    };
  }
  c.state.pinned.add(id);
  return { status: 200, body: { data: { pinIssue: { issue: { id, number: issue.number, isPinned: true } } } } };
}

export function issueRoutes(bodyLimit: number, graphqlErrors = false, missingFields: string[] = []): Route[] {
  const issueOf = (c: Ctx, n: string): Reply => {
    const issue = c.state.issues.find((i) => String(i.number) === n);
    return issue ? { status: 200, body: issue } : notFound();
  };
  return [
    route('GET', `${REPO}/issues`, listIssues),
    route('POST', `${REPO}/issues`, (c) => createIssue(c, bodyLimit)),
    route('GET', `${REPO}/issues/{n}`, (c, m) => issueOf(c, m[2]!)),
    route('PATCH', `${REPO}/issues/{n}`, (c, m) => updateIssue(c, m[2]!, bodyLimit)),
    route('GET', `${REPO}/issues/{n}/comments`, (c, m) =>
      list(c.state.comments.get(Number(m[2])) ?? [], c.url, c.origin),
    ),
    route('POST', `${REPO}/issues/{n}/comments`, (c, m) => addComment(c, m[2]!, bodyLimit)),
    route('POST', `${REPO}/issues/{n}/labels`, (c, m) => {
      const issue = c.state.issues.find((i) => String(i.number) === m[2]);
      if (!issue) return notFound();
      for (const n of labelNames(obj(c.body).labels ?? c.body))
        if (!issue.labels.some((l) => l.name === n)) issue.labels.push(ensureLabel(c, n));
      return { status: 200, body: issue.labels };
    }),
    route('GET', `${REPO}/labels`, (c) => list(c.state.labels, c.url, c.origin)),
    route('POST', `${REPO}/labels`, createLabel),
    route('GET', `${REPO}/labels/{name}`, (c, m) => {
      const name = decodeURIComponent(m[2]!).toLowerCase();
      const label = c.state.labels.find((l) => l.name.toLowerCase() === name);
      return label ? { status: 200, body: label } : notFound();
    }),
    route('POST', '/graphql', (c) => graphql(c, graphqlErrors, missingFields)),
    route('POST', '/api/graphql', (c) => graphql(c, graphqlErrors, missingFields)),
  ];
}
