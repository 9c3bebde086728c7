/**
 * The one tracking issue: find (by label and hidden marker), create, update in place,
 * skip when unchanged, close duplicates, pin (best effort). Only publishing writes.
 * OWNER: enrich/publish.
 */
import type { AuditClient } from '../collect/client.js';
import { comparableBody, decodeState, TRACKING_MARKER } from '../enrich/state.js';
import type { Settings } from '../inputs.js';
import { withTrackingMarker, writeBody } from './body.js';

export { TRACKING_MARKER };

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

export interface PublishResult {
  number: number;
  url: string;
  action: 'created' | 'updated' | 'unchanged';
}

type Log = (msg: string) => void;
type Where = Pick<Settings, 'owner' | 'repo' | 'issueLabel'>;
type PublishSettings = Pick<Settings, 'owner' | 'repo' | 'issueLabel' | 'issueTitle' | 'pinIssue'>;

/** GraphQL errors come as a multi-line list: one line for the log. */
const oneLine = (e: unknown): string =>
  String((e as Error)?.message ?? e)
    .replace(/\s+/g, ' ')
    .trim();
const defaultLog: Log = (m) => process.stderr.write(`warning: ${m}\n`);
const PER_PAGE = 100;
/** Enough for every tracking issue a repository has had, newest first. */
const MAX_PAGES = 2;

/** The fields we read of GitHub's issue object. */
interface RawIssue {
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

function toIssue(raw: RawIssue): TrackingIssue {
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
const isTracking = (raw: RawIssue): boolean =>
  !raw.pull_request && Boolean(raw.body?.includes(TRACKING_MARKER) || decodeState(raw.body));

const oldestFirst = (a: TrackingIssue, b: TrackingIssue): number => a.number - b.number;

/**
 * A refused request names what would fix it: GITHUB_TOKEN answers 403 "Resource not
 * accessible by integration" without the `issues` permission, and 410 when the repository
 * has issues turned off. Other errors pass unchanged.
 */
async function explained<T>(what: string, permission: 'read' | 'write', call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    const status = (e as { status?: number }).status;
    const fix =
      status === 410
        ? 'Issues are turned off for this repository: turn them on in its settings'
        : status === 403 || status === 404
          ? `The workflow needs \`permissions: issues: ${permission}\``
          : status !== undefined && status >= 500
            ? 'GitHub answered with a server error; the previous issue body is unchanged, and the next audit will try again'
            : null;
    if (!fix) throw e;
    throw new Error(`Could not ${what}: ${oneLine(e)}. ${fix} (or set \`issue: false\` for a dry run).`, { cause: e });
  }
}

async function listLabelled(client: AuditClient, s: Where, state: 'open' | 'all'): Promise<TrackingIssue[]> {
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
    out.push(...items.filter(isTracking).map(toIssue));
    if (items.length < PER_PAGE) break;
  }
  return out;
}

export async function findTrackingIssues(client: AuditClient, settings: Where): Promise<FoundIssues> {
  const all = await explained('list the tracking issues', 'read', () => listLabelled(client, settings, 'all'));
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

async function ensureLabel(client: AuditClient, s: Where, log: Log): Promise<void> {
  try {
    await client.octokit.rest.issues.createLabel({
      owner: s.owner,
      repo: s.repo,
      name: s.issueLabel,
      color: '5319e7',
      description: 'Tracking issue of the audit-ci CI audit',
    });
  } catch (e) {
    const err = e as { status?: number; response?: { data?: { errors?: { code?: string }[] } } };
    const exists = err.status === 422 && (err.response?.data?.errors ?? []).some((x) => x.code === 'already_exists');
    // Creating the issue with the label still applies it (GitHub creates missing labels).
    if (!exists) log(`could not create the label "${s.issueLabel}": ${oneLine(e)}`);
  }
}

/** Pin through GraphQL; at most 3 pinned issues per repository, so never fatal. */
async function pin(client: AuditClient, issue: TrackingIssue, log: Log): Promise<void> {
  try {
    await client.octokit.graphql(`mutation($id: ID!) { pinIssue(input: { issueId: $id }) { issue { id } } }`, {
      id: issue.nodeId,
    });
  } catch (e) {
    log(`could not pin issue #${issue.number} (best effort): ${oneLine(e)}`);
  }
}

async function closeAsDuplicate(
  client: AuditClient,
  s: Where,
  dup: TrackingIssue,
  of: number,
  log: Log,
): Promise<void> {
  try {
    const ref = { owner: s.owner, repo: s.repo, issue_number: dup.number };
    await client.octokit.rest.issues.createComment({ ...ref, body: `Duplicate of #${of}` });
    await client.octokit.rest.issues.update({ ...ref, state: 'closed', state_reason: 'not_planned' });
  } catch (e) {
    log(`could not close duplicate tracking issue #${dup.number}: ${oneLine(e)}`);
  }
}

/** Two audits started at once may both create an issue: the older one wins. */
async function olderOpenIssue(client: AuditClient, s: Where, mine: TrackingIssue): Promise<TrackingIssue | null> {
  const open = (await listLabelled(client, s, 'open')).filter((i) => i.state === 'open' && i.number < mine.number);
  return open.sort(oldestFirst)[0] ?? null;
}

async function create(client: AuditClient, s: PublishSettings, body: string, log: Log): Promise<PublishResult> {
  await ensureLabel(client, s, log);
  const { data } = await explained('create the tracking issue', 'write', () =>
    writeBody(
      body,
      (b) =>
        client.octokit.rest.issues.create({
          owner: s.owner,
          repo: s.repo,
          title: s.issueTitle,
          body: b,
          labels: [s.issueLabel],
        }),
      log,
    ),
  );
  const mine = toIssue(data as RawIssue);
  const older = await olderOpenIssue(client, s, mine).catch((e: Error) => {
    log(`could not check for a concurrent tracking issue: ${oneLine(e)}`);
    return null;
  });
  if (older) {
    await closeAsDuplicate(client, s, mine, older.number, log);
    return { number: older.number, url: older.url, action: 'unchanged' };
  }
  if (s.pinIssue) await pin(client, mine, log);
  return { number: mine.number, url: mine.url, action: 'created' };
}

async function update(
  client: AuditClient,
  s: PublishSettings,
  open: TrackingIssue,
  body: string,
  log: Log,
): Promise<PublishResult> {
  const retitle = open.title !== s.issueTitle;
  if (!retitle && comparableBody(open.body) === comparableBody(body)) {
    return { number: open.number, url: open.url, action: 'unchanged' };
  }
  const ref = { owner: s.owner, repo: s.repo, issue_number: open.number };
  await explained(`update tracking issue #${open.number}`, 'write', () =>
    writeBody(
      body,
      (b) => client.octokit.rest.issues.update({ ...ref, body: b, ...(retitle ? { title: s.issueTitle } : {}) }),
      log,
    ),
  );
  return { number: open.number, url: open.url, action: 'updated' };
}

/**
 * Create or update the tracking issue with `body`, close duplicates, pin a new issue.
 * A failed write throws and leaves the previous body intact; duplicates, label and pin
 * failures are logged through `log`, never fatal.
 */
export async function publishIssue(
  client: AuditClient,
  settings: PublishSettings,
  found: FoundIssues,
  body: string,
  log: Log = defaultLog,
): Promise<PublishResult> {
  // A renderer bug must never blank the issue: an empty body is refused before any request.
  if (!body.trim()) throw new Error('Refusing to write an empty tracking issue body; the previous issue is kept.');
  const marked = withTrackingMarker(body);
  const result = found.open
    ? await update(client, settings, found.open, marked, log)
    : await create(client, settings, marked, log);
  for (const dup of found.duplicates) {
    if (dup.number !== result.number) await closeAsDuplicate(client, settings, dup, result.number, log);
  }
  return result;
}
