/**
 * Does a PR that bumps an action fix a runtime deprecation ("Node.js 20 actions are
 * deprecated … actions/cache@v3")? Only if the version it moves to no longer runs on the
 * deprecated runtime. The audit cannot read an action's action.yml at audit time without
 * spending requests on other repositories, so it knows what is in the table below, and
 * credits nothing else.
 */
import type { Finding, PullRequest } from '../types.js';

/**
 * The first version of each action whose release runs on `node24` (for a floating major tag
 * `vN`, its latest release), read from `runs.using` in action.yml at every release tag:
 * actions/cache 27d5ce7f107f (v4.3.0 node20, v5.0.0 node24), actions/checkout f548e57e544e
 * (v4.4.0 node20, v5.0.0 node24), actions/setup-node ae0d4ed08881 (v4.4.0 node20, v5.0.0
 * node24), actions/upload-artifact bbbca2ddaa5d (v5.0.0 node20, v6.0.0 node24),
 * actions/download-artifact 484a0b528fb4 (v6.0.0 node20, v7.0.0 node24), actions/setup-python
 * 5fda3b95a4ea (v5.6.0 node20, v6.0.0 node24), actions/github-script ed597411d8f9 (v7.1.0
 * node20, v8.0.0 node24), actions/setup-go fba3fb4ead8c (v6.1.0 node20, v6.2.0 node24).
 */
export const FIRST_NODE24: Readonly<Record<string, string>> = {
  'actions/cache': '5',
  'actions/checkout': '5',
  'actions/setup-node': '5',
  'actions/upload-artifact': '6',
  'actions/download-artifact': '7',
  'actions/setup-python': '6',
  'actions/github-script': '8',
  'actions/setup-go': '6.2.0',
};

/** The Node.js major a finding says is deprecated, or null when it is not about a runtime. */
export function deprecatedNode(f: Finding): number | null {
  if (!f.subject.action) return null;
  const text = `${f.title} ${f.detail}`;
  if (!/deprecat|no longer supported|will be removed/i.test(text)) return null;
  const m = /\bnode(?:\.?js)?\s?(\d{2})\b/i.exec(text);
  return m ? Number(m[1]) : null;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * The version a PR moves `action` to, as its title or branch names it: Dependabot ("Bump
 * actions/cache from 3 to 4", branch `dependabot/github_actions/actions/cache-4`), Renovate
 * ("Update actions/cache action to v5", branch `renovate/actions-cache-5.x`), or a ref
 * (`actions/cache@v5`). Null when it names none.
 */
export function targetVersion(pr: PullRequest, action: string): string | null {
  const name = escape(action.toLowerCase());
  const title = pr.title.toLowerCase();
  const fromTitle =
    new RegExp(`${name}\\s+from\\s+v?[\\w.]+\\s+to\\s+v?(\\d+(?:\\.\\d+)*)`).exec(title) ??
    new RegExp(`${name}(?:\\s+action)?\\s+to\\s+v?(\\d+(?:\\.\\d+)*)`).exec(title) ??
    new RegExp(`${name}@v?(\\d+(?:\\.\\d+)*)`).exec(title);
  if (fromTitle) return fromTitle[1]!;
  const branch = pr.branch.toLowerCase();
  const dashed = escape(action.toLowerCase().replace('/', '-'));
  const fromBranch =
    new RegExp(`(?:^|/)${name}-v?(\\d+(?:\\.\\d+)*)`).exec(branch) ??
    new RegExp(`(?:^|/)${dashed}-v?(\\d+(?:\\.\\d+)*)`).exec(branch);
  return fromBranch ? fromBranch[1]! : null;
}

/** `v6` floats to its latest release: missing parts compare as higher than any number. */
function atLeast(target: string, min: string): boolean {
  const t = target.split('.').map(Number);
  const m = min.split('.').map(Number);
  for (let i = 0; i < Math.max(t.length, m.length); i++) {
    const a = t[i] ?? Infinity;
    const b = m[i] ?? 0;
    if (a !== b) return a > b;
  }
  return true;
}

/**
 * Whether a PR that names the finding's action fixes its runtime deprecation: null when the
 * question does not apply (not a runtime deprecation, or the PR does not name the action),
 * else why it is or is not a fix.
 */
export function runtimeFix(f: Finding, pr: PullRequest): { fixes: boolean; reason: string } | null {
  const node = deprecatedNode(f);
  const action = f.subject.action?.split('@')[0];
  if (node === null || !action) return null;
  const names = `${pr.title} ${pr.branch}`.toLowerCase();
  if (!names.includes(action.toLowerCase()) && !names.includes(action.toLowerCase().replace('/', '-'))) return null;
  const target = targetVersion(pr, action);
  if (target === null) return { fixes: false, reason: `it does not say which version of ${action} it moves to` };
  const first = node < 24 ? FIRST_NODE24[action] : undefined;
  if (first === undefined) {
    return {
      fixes: false,
      reason: `it moves ${action} to v${target}, and audit-ci does not know which Node.js runtime that version uses`,
    };
  }
  return atLeast(target, first)
    ? { fixes: true, reason: `v${target} runs on Node.js 24` }
    : {
        fixes: false,
        reason: `v${target} of ${action} runs on Node.js 20 or older; v${first} is the first on Node.js 24`,
      };
}
