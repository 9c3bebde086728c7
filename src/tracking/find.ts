/**
 * The tracking issues, read. Every function here that makes a request only reads:
 * `findTrackingIssues` (called by the collection phase: collect/index.ts, or audit.ts on a
 * replay) lists them; `listLabelled` and `rereadBody` are the reads the write phase
 * (write.ts) makes right before it writes. The open issue carries the previous audit's
 * state (state.ts); write.ts is the only code that writes it.
 * With GraphQL, the lookup rides in the first runs query (one more request in a query that
 * costs a point anyway: free; `TRACKING_FIELD`, `trackingFromGraphql`); otherwise, or when
 * that answer is missing or incomplete, it is one REST listing by label, newest first.
 */
import { decodeState, TRACKING_MARKER } from './state.js';
import type { Settings } from '../inputs.js';
import { rateLimitReason, type AuditClient } from '../github/client.js';

export interface TrackingIssue {
  number: number;
  url: string;
  title: string;
  body: string;
  state: 'open' | 'closed';
  createdAt: string;
  nodeId: string;
  closedAt?: string | null;
}

export interface FoundIssues {
  /** The open tracking issue (the oldest when several are open). */
  open: TrackingIssue | null;
  /** Other open tracking issues: to close as duplicates. */
  duplicates: TrackingIssue[];
  /** The most recently closed one, when none is open (a human closed it). */
  lastClosed: TrackingIssue | null;
}

export type Where = Pick<Settings, 'owner' | 'repo' | 'issueLabel'>;

/** GraphQL errors come as a multi-line list: one line for the log. */
export const oneLine = (e: unknown): string =>
  String((e as Error)?.message ?? e)
    .replace(/\s+/g, ' ')
    .trim();
const PER_PAGE = 100;
/** Enough for every tracking issue a repository has had, newest first. */
const MAX_PAGES = 2;

/** The fields we read of GitHub's issue object. */
export interface RawIssue {
  number: number;
  node_id: string;
  html_url: string;
  title: string;
  body?: string | null;
  state: string;
  created_at: string;
  closed_at: string | null;
  pull_request?: unknown;
}

export function toIssue(raw: RawIssue): TrackingIssue {
  return {
    number: raw.number,
    url: raw.html_url,
    title: raw.title,
    body: raw.body ?? '',
    state: raw.state === 'closed' ? 'closed' : 'open',
    createdAt: raw.created_at,
    nodeId: raw.node_id,
    closedAt: raw.closed_at,
  };
}

/** The label alone is not enough (humans reuse labels): the body must carry our marker. */
const isTracking = (body: string | null | undefined): boolean =>
  Boolean(body?.includes(TRACKING_MARKER) || decodeState(body));

export const oldestFirst = (a: TrackingIssue, b: TrackingIssue): number => a.number - b.number;

/**
 * A refused request names what would fix it: GITHUB_TOKEN answers 403 "Resource not
 * accessible by integration" without the `issues` permission, and 410 when the repository
 * has issues turned off. Other errors pass unchanged.
 */
export async function explained<T>(what: string, permission: 'read' | 'write', call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    const status = (e as { status?: number }).status;
    const limited = rateLimitReason(e);
    const fix = limited
      ? `GitHub ${limited.replace(/^\d+ /, '')}: the next audit will try again`
      : status === 410
        ? 'Issues are turned off for this repository: turn them on in its settings'
        : status === 403 || status === 404
          ? `The workflow needs \`permissions: issues: ${permission}\``
          : status !== undefined && status >= 500
            ? 'GitHub answered with a server error; the previous issue body is unchanged, and the next audit will try again'
            : status === 422
              ? 'GitHub refused the write as invalid; the previous issue body is unchanged'
              : null;
    if (!fix) throw e;
    const err = new Error(`Could not ${what}: ${oneLine(e)}. ${fix} (or set \`issue: false\` for a dry run).`, {
      cause: e,
    });
    // Callers still tell a refused write by its status.
    throw Object.assign(err, { status });
  }
}

export async function listLabelled(client: AuditClient, s: Where, state: 'open' | 'all'): Promise<TrackingIssue[]> {
  const out: TrackingIssue[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    // Newest first: the open issue and the last closed one are among the most recent.
    const { data } = await client.octokit.rest.issues.listForRepo({
      owner: s.owner,
      repo: s.repo,
      labels: s.issueLabel,
      state,
      sort: 'created',
      direction: 'desc',
      per_page: PER_PAGE,
      page,
    });
    const items = data as RawIssue[];
    out.push(...items.filter((raw) => !raw.pull_request && isTracking(raw.body)).map(toIssue));
    if (items.length < PER_PAGE) break;
  }
  return out;
}

/**
 * The issue's body as it is now, read right before publishing overwrites it: notes and
 * ticks a maintainer saved while the audit ran are in it. Null when it cannot be read.
 */
export async function rereadBody(client: AuditClient, s: Where, issue: number): Promise<string | null> {
  const { data } = await client.octokit.rest.issues.get({ owner: s.owner, repo: s.repo, issue_number: issue });
  const body = (data as { body?: unknown } | null)?.body;
  return typeof body === 'string' ? body : body === null ? '' : null;
}

/** The open issue, its duplicates and the last closed one, among every tracking issue. */
export function sortFound(all: TrackingIssue[]): FoundIssues {
  const open = all.filter((i) => i.state === 'open').sort(oldestFirst);
  const closed = all
    .filter((i) => i.state === 'closed')
    .sort((a, b) => (b.closedAt ?? '').localeCompare(a.closedAt ?? '') || b.number - a.number);
  return {
    open: open[0] ?? null,
    duplicates: open.slice(1),
    lastClosed: open.length === 0 ? (closed[0] ?? null) : null,
  };
}

/**
 * The tracking issues: those the first GraphQL query read (`fromGraphql`), else over REST
 * (GraphQL off, failed, saw more tracking issues than one page, or no open one).
 */
export async function findTrackingIssues(
  client: AuditClient,
  settings: Where,
  fromGraphql: FoundIssues | null = null,
): Promise<FoundIssues> {
  if (fromGraphql) return fromGraphql;
  const all = await explained('list the tracking issues', 'read', () => listLabelled(client, settings, 'all'));
  return sortFound(all);
}

/* ------------------------------------------------------------------ */
/* The same lookup as a field of the first GraphQL runs query          */
/* ------------------------------------------------------------------ */

/**
 * `tracking: repository(...) { issues(...) }`: one connection at the root, so one request
 * (GitHub's formula) in a query that costs at least a point anyway. Pull requests are not
 * in `issues`. Needs `$owner`, `$name` and `$label`.
 */
export const TRACKING_FIELD =
  'tracking: repository(owner: $owner, name: $name) { ' +
  `issues(first: ${PER_PAGE}, labels: [$label], orderBy: { field: CREATED_AT, direction: DESC }) { ` +
  'pageInfo { hasNextPage } nodes { number id url title body state createdAt closedAt } } }';

interface GqlIssue {
  number: number;
  id: string;
  url: string;
  title: string;
  body: string | null;
  state: string;
  createdAt: string;
  closedAt: string | null;
}

export interface GqlTracking {
  issues?: { pageInfo?: { hasNextPage: boolean } | null; nodes: (GqlIssue | null)[] | null } | null;
}

/**
 * The tracking issues from the `tracking` field of an answer; null when it is missing (an
 * error for that field, e.g. no `issues: read`), incomplete (more than one page), or holds no
 * open one: then the REST lookup decides (its errors say what to fix). An open issue is what
 * every nightly audit finds; not finding one leads to creating one, so that answer is checked
 * where label matching is GitHub's documented REST one.
 */
export function trackingFromGraphql(field: GqlTracking | null | undefined): FoundIssues | null {
  const conn = field?.issues;
  if (!conn?.nodes || conn.pageInfo?.hasNextPage !== false) return null;
  const all = conn.nodes
    .filter((n): n is GqlIssue => n !== null && isTracking(n.body))
    .map((n) =>
      toIssue({
        number: n.number,
        node_id: n.id,
        html_url: n.url,
        title: n.title,
        body: n.body,
        state: n.state.toLowerCase(),
        created_at: n.createdAt,
        closed_at: n.closedAt,
      }),
    );
  const found = sortFound(all);
  return found.open ? found : null;
}
