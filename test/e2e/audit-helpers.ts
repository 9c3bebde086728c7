/**
 * What the end-to-end suites that audit a fake GitHub share: run the bundled action with a
 * token, read its JSON report, explain a failed run, and serve a world for one test.
 */
import { readFileSync } from 'node:fs';
import type { Report } from '../../src/types.js';
import { startFakeGitHub, type FakeGitHub, type FakeOptions } from '../fake-github/server.js';
import type { RawIssue, World } from '../world/types.js';
import { runAction, type ActionRun } from './run-action.js';

export const report = (run: ActionRun): Report => JSON.parse(readFileSync(run.reportPath, 'utf8')) as Report;

export const explain = (run: ActionRun): string =>
  `exit ${run.code}\n--- stdout ---\n${run.stdout.slice(-4000)}\n--- stderr ---\n${run.stderr.slice(-2000)}`;

/** The run ended well: exit 0 and no `::error::` command. */
export const expectOk = (run: ActionRun): void => {
  if (run.code !== 0 || run.stdout.includes('::error::')) throw new Error(`the action failed:\n${explain(run)}`);
};

export const openTracking = (gh: FakeGitHub): RawIssue[] =>
  gh.issues.filter((i) => i.state === 'open' && i.labels.some((l) => l.name === 'ci-audit'));

/** `audit` and `withFake` bound to one token and repository. */
export function e2eAudits(token: string, repository: string) {
  return {
    audit: (url: string, inputs: Record<string, string> = {}): Promise<ActionRun> =>
      runAction({ apiUrl: url, repository, token, inputs: { window: '60', ...inputs }, timeoutMs: 90_000 }),
    async withFake<T>(w: World, options: FakeOptions, fn: (gh: FakeGitHub) => Promise<T>): Promise<T> {
      const gh = await startFakeGitHub(w, { token, ...options });
      try {
        return await fn(gh);
      } finally {
        await gh.close();
      }
    },
  };
}
