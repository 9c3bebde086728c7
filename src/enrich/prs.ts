/**
 * "Already being fixed": open PRs whose title, body or branch names a finding precisely
 * (its test name, job or step, action reference, error text). A generic word shared by
 * a title and a finding is not a match.
 * OWNER: enrich/publish.
 */
import type { Finding, PullRequest } from '../types.js';

export function matchPullRequests(findings: Finding[], prs: PullRequest[]): Finding[] {
  void prs;
  return findings;
}
