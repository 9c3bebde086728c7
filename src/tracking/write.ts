/**
 * The writes to the tracking issue (found by find.ts in the collection phase): create,
 * update in place, skip when unchanged, close duplicates, pin (best effort). Called by the
 * publish phase only. Right before an update it reads the body again (`rereadBody`), so
 * notes and ticks a maintainer saved while the audit ran are kept.
 */
import type { AuditClient } from '../github/client.js';
import {
  explained,
  listLabelled,
  oldestFirst,
  oneLine,
  rereadBody,
  toIssue,
  type FoundIssues,
  type RawIssue,
  type TrackingIssue,
  type Where,
} from './find.js';
import { comparableBody, TRACKING_MARKER } from './state.js';
import type { Settings } from '../inputs.js';
import { ISSUE_BODY_LIMIT, markedSource, writeBody, type BodySource } from './body.js';
import { withFreshTicks } from './mutes.js';
import { EMPTY_NOTES, notesOf, withNotes } from './notes.js';

export { TRACKING_MARKER };
export type { FoundIssues, TrackingIssue };

export interface PublishResult {
  number: number;
  url: string;
  action: 'created' | 'updated' | 'unchanged';
}

type Log = (msg: string) => void;
const defaultLog: Log = (m) => process.stderr.write(`warning: ${m}\n`);
type PublishSettings = Pick<Settings, 'owner' | 'repo' | 'issueLabel' | 'issueTitle' | 'pinIssue'>;

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

/**
 * The label a first tracking issue needs, written when collection has found no tracking issue
 * (the audit calls it before its rules run): the write limiter keeps the issue's create a
 * second after it, and the rules and the rendering then take up that second instead of coming
 * before it (a cold 1,000-run audit spent ~0.9 s on them between the collection and its first
 * write). Awaited, not left running: the rules hold the event loop, and a write still unsent
 * would go out late, less than a second before the create. No write when a tracking issue was
 * found by its label (open or closed): the label exists, and createLabel could only answer 422.
 */
export async function labelFirst(client: AuditClient, s: Where, found: FoundIssues, log: Log): Promise<void> {
  if (found.open || found.lastClosed || found.duplicates.length > 0) return;
  await ensureLabel(client, s, log);
}

/**
 * A first audit's label, before collection: an audit with an empty run cache almost always
 * creates the tracking issue, and with its label written a collection earlier, neither the
 * issue's create nor its pin waits for another write (a cold 1,000-run audit published in
 * ~1.4 s, the create waiting out the second after the label). Where the label exists already
 * (a run cache lost, an issue made by hand), GitHub answers 422, which is taken as done. Not
 * for a dry run: the caller writes nothing then.
 */
export const labelBeforeCollection = (client: AuditClient, s: Where, log: Log): Promise<void> =>
  ensureLabel(client, s, log);

/** A closed duplicate must not stay pinned (it would take one of the 3 pins and point readers at a stale report). */
async function unpin(client: AuditClient, issue: TrackingIssue, log: Log): Promise<void> {
  if (!issue.nodeId) return;
  try {
    await client.octokit.graphql(`mutation($id: ID!) { unpinIssue(input: { issueId: $id }) { issue { id } } }`, {
      id: issue.nodeId,
    });
  } catch (e) {
    log(`could not unpin duplicate issue #${issue.number} (best effort): ${oneLine(e)}`);
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
    return;
  }
  await unpin(client, dup, log);
}

/**
 * The body to write: the report laid out by `source`, with the maintainer notes (from the
 * body as it is now) and the ticks changed while the audit ran; the notes' room is taken
 * from the report's budget, never from the notes.
 */
function finalSource(source: BodySource, notes: string, read: string | null, fresh: string | null): BodySource {
  const finish = (b: string): string => withFreshTicks(withNotes(b, notes), read, fresh);
  if (typeof source === 'string') return markedSource(finish(source));
  return markedSource((maxChars) => finish(source(Math.max(0, maxChars - notes.length - 2))));
}

const layout = (source: BodySource): string => (typeof source === 'string' ? source : source(ISSUE_BODY_LIMIT));

/** Two audits started at once may both create an issue: the older one wins. */
async function olderOpenIssue(client: AuditClient, s: Where, mine: TrackingIssue): Promise<TrackingIssue | null> {
  const open = (await listLabelled(client, s, 'open')).filter((i) => i.state === 'open' && i.number < mine.number);
  return open.sort(oldestFirst)[0] ?? null;
}

async function create(
  client: AuditClient,
  s: PublishSettings,
  found: FoundIssues,
  source: BodySource,
  log: Log,
  labelled: boolean,
): Promise<PublishResult> {
  // Colour and description only: GitHub creates a missing label named by the issue anyway.
  if (!labelled) await labelFirst(client, s, found, log);
  const body = finalSource(source, EMPTY_NOTES, null, null);
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
  source: BodySource,
  log: Log,
): Promise<PublishResult> {
  const fresh = await rereadBody(client, s, open.number).catch((e: unknown) => {
    log(
      `could not read issue #${open.number} again before writing (notes and ticks saved since the audit started may be lost): ${oneLine(e)}`,
    );
    return null;
  });
  const now = fresh ?? open.body;
  const body = finalSource(source, notesOf(now) ?? EMPTY_NOTES, open.body, fresh);
  const retitle = open.title !== s.issueTitle;
  if (!retitle && comparableBody(now) === comparableBody(layout(body))) {
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
 * failures are logged through `log`, never fatal. `labelled`: `labelFirst` ran already;
 * else a new issue's label is written first.
 */
export async function publishIssue(
  client: AuditClient,
  settings: PublishSettings,
  found: FoundIssues,
  body: BodySource,
  log: Log = defaultLog,
  labelled = false,
): Promise<PublishResult> {
  // A renderer bug must never blank the issue: an empty body is refused before any request.
  if (!layout(body).trim())
    throw new Error('Refusing to write an empty tracking issue body; the previous issue is kept.');
  const result = found.open
    ? await update(client, settings, found.open, body, log)
    : await create(client, settings, found, body, log, labelled);
  for (const dup of found.duplicates) {
    if (dup.number !== result.number) await closeAsDuplicate(client, settings, dup, result.number, log);
  }
  return result;
}
