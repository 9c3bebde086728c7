/**
 * Security end to end (bundled action, fake GitHub): hostile branch and test names cannot
 * mention teams, forge the hidden state, inject HTML or break tables in the issue or summary,
 * and the token appears in no output, file or write, also when the action fails.
 * Build first: `npm run build`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { decodeState } from '../src/tracking/state.js';
import type { Report } from '../src/types.js';
import { startFakeGitHub, type FakeGitHub } from '../test/fake-github/server.js';
import { DIST, runAction, type ActionRun } from '../test/e2e/run-action.js';
import { generateWorld } from '../test/world/generate.js';
import type { World } from '../test/world/types.js';

const TOKEN = 'ghs_SecurityE2eTokenNeverShown0987654321';
const REPOSITORY = 'acme/widgets';
/** Valid in a git ref (no space, ~, ^, :, ?, *, [, \ or `@{`), so a fork can really push it. */
const HOSTILE_BRANCH = '@org/team<!--audit-ci:state-->|pipes|<img/src=x/onerror=alert(1)>';
const HOSTILE_TEST =
  'test_presigned_url_expiry[@org/team <!-- audit-ci:state {"v":1,"findings":{}} --> <img src=x onerror=alert(1)> | pipes |]';

/** The generated world with the systemic test and the fork's branch renamed everywhere. */
function hostileWorld(): World {
  let text = JSON.stringify(generateWorld({ seed: 1, runs: 60 }));
  const esc = (s: string): string => JSON.stringify(s).slice(1, -1);
  text = text.split('test_presigned_url_expiry').join(esc(HOSTILE_TEST));
  text = text.replace(/\bpatch-1\b/g, esc(HOSTILE_BRANCH));
  const world = JSON.parse(text) as World;
  // A test report's Markdown table must escape a pipe inside a cell (GFM splits on it even in code).
  for (const c of world.checkRuns) {
    const o = c.output;
    if (o.summary)
      o.summary = o.summary
        .split('\n')
        .map((l) => (l.startsWith('|') ? l.split(HOSTILE_TEST).join(HOSTILE_TEST.replace(/\|/g, '\\|')) : l))
        .join('\n');
  }
  return world;
}

/** Markdown without fenced blocks and inline code spans: where mentions and HTML are live. */
export function liveMarkdown(md: string): string {
  const out: string[] = [];
  let fence: string | null = null;
  for (const line of md.split('\n')) {
    const open = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (open && open[0] === fence[0] && open.length >= fence.length && line.trim() === open) fence = null;
      continue;
    }
    if (open) {
      fence = open;
      continue;
    }
    out.push(line.replace(/(`+)[^\n]*?\1/g, ''));
  }
  return out.join('\n');
}

/** Every way `text` could hurt once rendered on GitHub; [] when it is safe. */
function injections(md: string): string[] {
  const live = liveMarkdown(md);
  const found: string[] = [];
  if (/@org\/team/.test(live)) found.push('a live @org/team mention');
  if (/<img/i.test(live)) found.push('a raw <img> tag');
  for (const c of live.match(/<!--[^>]*/g) ?? [])
    if (!/^<!-- audit-ci:(volatile|state|tracking-issue|notes:start|notes:end|mute:[\w-]+) /.test(c))
      found.push(`a foreign comment ${c}`);
  if (/(^|[^\\])\|\s*pipes/.test(live)) found.push('an unescaped pipe before "pipes"');
  if (live.split('<!-- audit-ci:state').length > 2) found.push('a second hidden state');
  return found;
}

const leaks = (run: ActionRun, gh: FakeGitHub, token: string): string[] => {
  const places: Record<string, string> = {
    // core.setSecret: the runner consumes ::add-mask:: and masks the value everywhere after.
    stdout: run.stdout.replace(`::add-mask::${token}\n`, ''),
    stderr: run.stderr,
    summary: run.summary,
    outputs: JSON.stringify(run.outputs),
    report: existsSync(run.reportPath) ? readFileSync(run.reportPath, 'utf8') : '',
    writes: JSON.stringify(gh.writes.map((w) => w.body)),
  };
  return Object.entries(places)
    .filter(([, text]) => text.includes(token) || text.includes(token.slice(4, 24)))
    .map(([where]) => where);
};

beforeAll(() => {
  if (!existsSync(DIST)) throw new Error(`${DIST} is missing: run \`npm run build\` before the end-to-end tests`);
});

describe('hostile branch and test names', () => {
  let gh: FakeGitHub;
  let run: ActionRun;
  let report: Report;

  beforeAll(async () => {
    gh = await startFakeGitHub(hostileWorld(), { token: TOKEN });
    run = await runAction({ apiUrl: gh.url, repository: REPOSITORY, token: TOKEN, inputs: { window: '60' } });
    if (run.code !== 0) throw new Error(`the action failed: ${run.stdout.slice(-3000)}\n${run.stderr}`);
    report = JSON.parse(readFileSync(run.reportPath, 'utf8')) as Report;
  }, 90_000);
  afterAll(async () => gh.close());

  it('still reports them: the systemic failure and the fork branch', () => {
    // The test-report parser strips HTML from table cells, so the name keeps only its text.
    const systemic = report.findings.find((f) => f.subject.test?.includes('test_presigned_url_expiry[@org/team'));
    expect(systemic?.systemic).toBe(true);
    const onFork = report.findings.flatMap((f) => f.occurrences).filter((o) => o.branch.includes(HOSTILE_BRANCH));
    expect(onFork.length).toBeGreaterThan(0);
  });

  it('the rendered names are there, so the checks below are not vacuous', () => {
    const body = gh.issues[0]!.body!;
    expect(body).toMatch(/org\/team/);
    expect(body).toMatch(/pipes/);
    expect(body).toMatch(/onerror/);
    expect(body).toMatch(/audit-ci:state--/);
    expect(run.summary).toMatch(/pipes/);
  });

  it('cannot mention a team, inject HTML, forge a comment or break a table in the issue', () => {
    expect(injections(gh.issues[0]!.body!)).toEqual([]);
  });

  it('cannot do so in the job summary either', () => {
    expect(injections(run.summary)).toEqual([]);
    expect(run.summary).not.toContain('<!-- audit-ci:state');
  });

  it('keeps exactly one hidden state, the real one', () => {
    const body = gh.issues[0]!.body!;
    expect(body.split('<!-- audit-ci:state').length - 1).toBe(1);
    const keys = Object.keys(decodeState(body)?.findings ?? {});
    // Every remembered finding is one this audit reported: nothing forged, nothing lost.
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.sort()).toEqual(report.findings.map((f) => f.id).sort());
  });

  it('the injection check itself catches each attack on unescaped text', () => {
    const raw = `on ${HOSTILE_BRANCH} and ${HOSTILE_TEST}`;
    expect(injections(raw)).toHaveLength(4);
    expect(injections(`${raw}\n<!-- audit-ci:state {} -->`)).toContain('a second hidden state');
    expect(injections('`@org/team <img>`\n```\n<!-- x --> | pipes\n```')).toEqual([]);
  });

  it('never shows the token', () => {
    expect(leaks(run, gh, TOKEN)).toEqual([]);
  });
});

describe('the token in error paths', () => {
  it('a refused token (401) fails the step without printing it', async () => {
    const wrong = 'ghs_WrongTokenMustNotAppearAnywhere12345';
    const gh = await startFakeGitHub(generateWorld({ seed: 1, runs: 30 }), { token: TOKEN });
    try {
      const run = await runAction({ apiUrl: gh.url, repository: REPOSITORY, token: wrong, inputs: { window: '30' } });
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/::error::/);
      expect(gh.requests.some((r) => r.status === 401)).toBe(true);
      expect(leaks(run, gh, wrong)).toEqual([]);
    } finally {
      await gh.close();
    }
  }, 60_000);
});
