/**
 * Collection: the only code that reads CI data from the API. Cheapest first:
 * runs -> jobs (all attempts, with steps) -> check runs per head commit (with annotation
 * counts and test-report summaries) -> annotations where count > 0 -> open PRs ->
 * the logs that rules ask for (streamed into digests), at most `maxLogs`.
 * OWNER: collection.
 */
import type { Config } from '../config.js';
import type { Settings } from '../inputs.js';
import type { History, Rule } from '../types.js';
import type { AuditClient } from './client.js';

export interface CollectOptions {
  client: AuditClient;
  settings: Pick<Settings, 'owner' | 'repo' | 'window' | 'workflows' | 'branches' | 'maxLogs'>;
  config: Config;
  rules: Rule[];
  /** https://github.com or the GHES host, for links. */
  serverUrl: string;
  now?: Date;
  log?: (msg: string) => void;
}

export async function collect(options: CollectOptions): Promise<History> {
  void options;
  throw new Error('not implemented');
}
