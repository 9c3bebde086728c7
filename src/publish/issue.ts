/**
 * The one tracking issue: find (by label and hidden marker), create, update in place,
 * skip when unchanged, close duplicates, pin (best effort). Only publishing writes.
 * OWNER: enrich/publish.
 */
import type { AuditClient } from '../collect/client.js';
import type { Settings } from '../inputs.js';

export interface TrackingIssue {
  number: number;
  url: string;
  title: string;
  body: string;
  state: 'open' | 'closed';
  createdAt: string;
  nodeId: string;
}

export interface FoundIssues {
  /** The open tracking issue (the oldest when several are open). */
  open: TrackingIssue | null;
  /** Other open tracking issues: to close as duplicates. */
  duplicates: TrackingIssue[];
  /** The most recently closed one, when none is open (a human closed it). */
  lastClosed: TrackingIssue | null;
}

export async function findTrackingIssues(
  client: AuditClient,
  settings: Pick<Settings, 'owner' | 'repo' | 'issueLabel'>,
): Promise<FoundIssues> {
  void client;
  void settings;
  throw new Error('not implemented');
}

export interface PublishResult {
  number: number;
  url: string;
  action: 'created' | 'updated' | 'unchanged';
}

export async function publishIssue(
  client: AuditClient,
  settings: Pick<Settings, 'owner' | 'repo' | 'issueLabel' | 'issueTitle' | 'pinIssue'>,
  found: FoundIssues,
  body: string,
): Promise<PublishResult> {
  void client;
  void settings;
  void found;
  void body;
  throw new Error('not implemented');
}
