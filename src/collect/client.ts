/**
 * The API client: @actions/github's Octokit with throttling and retries, every request
 * counted, a request budget enforced. The only way the action talks to GitHub.
 * OWNER: collection. Publishing uses `client.octokit` for its writes (counted too).
 */
import type { getOctokit } from '@actions/github';
import type { ApiUsage } from '../types.js';

export type Octokit = ReturnType<typeof getOctokit>;

export interface ClientOptions {
  token: string;
  /** GITHUB_API_URL; default https://api.github.com */
  baseUrl?: string;
  /** Most REST requests + GraphQL points this audit may spend. */
  budget: number;
  /** Kept back for publishing: collection stops when only this much is left. */
  reserve: number;
  /** Base delay of retry backoff in ms (tests make it tiny). Default 1000. */
  retryBaseMs?: number;
  /** Most retries of one request on 5xx / network errors. Default 3. */
  maxRetries?: number;
  log?: (msg: string) => void;
}

export interface AuditClient {
  octokit: Octokit;
  usage: ApiUsage;
  /** Can collection spend `n` more units and still leave the publishing reserve? */
  canCollect(n?: number): boolean;
  /** Set once the rules file is read (its `budget` section). */
  setBudget(maxRequests: number, reserve: number): void;
}

export class BudgetExhausted extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BudgetExhausted';
  }
}

export function createClient(options: ClientOptions): AuditClient {
  void options;
  throw new Error('not implemented');
}
