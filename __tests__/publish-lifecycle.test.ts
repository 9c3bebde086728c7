/**
 * The tracking issue over several audits, in-process against the fake GitHub: the real
 * client, rules, renderer and publisher. One history is collected once and replayed, so
 * every audit sees the same findings and only the issue changes between them.
 */
import { audit, type Logger } from '../src/audit.js';
import { createClient } from '../src/github/client.js';
import { muteCheckbox, readMutes } from '../src/tracking/mutes.js';
import { decodeState } from '../src/tracking/state.js';
import type { Settings } from '../src/inputs.js';
import { TRACKING_MARKER } from '../src/tracking/write.js';
import type { History } from '../src/types.js';
import { startFakeGitHub, type FakeGitHub } from '../test/fake-github/server.js';
import { generateWorld } from '../test/world/generate.js';

const TOKEN = 'ghs_lifecycle_token';
const world = generateWorld({ seed: 3, runs: 40 });

const settings: Settings = {
  token: TOKEN,
  owner: world.owner,
  repo: world.repo,
  window: { kind: 'count', count: 40, raw: '40' },
  workflows: [],
  branches: [],
  configPath: '.github/audit-ci.yml',
  issue: true,
  issueTitle: 'CI audit',
  issueLabel: 'ci-audit',
  pinIssue: true,
  maxLogs: 40,
  reportPath: '/dev/null',
};

const quiet: Logger = { info: () => undefined, warn: () => undefined, debug: () => undefined, group: (_n, fn) => fn() };

let gh: FakeGitHub;
let history: History;

const day = (n: number): Date => new Date(Date.parse(world.now) + n * 86_400_000);
const client = () => createClient({ token: TOKEN, baseUrl: gh.url, budget: 2000, reserve: 25, retryBaseMs: 1 });
const run = (n: number, over: Partial<Parameters<typeof audit>[0]> = {}) =>
  audit({
    settings,
    client: client(),
    history: structuredClone(history),
    configText: null,
    serverUrl: 'https://github.com',
    now: day(n),
    log: quiet,
    ...over,
  });
const openIssues = () => gh.issues.filter((i) => i.state === 'open');

beforeAll(async () => {
  gh = await startFakeGitHub(world, { token: TOKEN });
  const collected = await audit({
    settings: { ...settings, issue: false },
    client: client(),
    configText: null,
    serverUrl: 'https://github.com',
    now: day(0),
    log: quiet,
  });
  history = collected.history;
});
afterAll(() => gh.close());

describe('the tracking issue across audits', () => {
  it('audit 1 creates and pins one issue carrying the state', async () => {
    const r = await run(0);
    expect(r.issue?.action).toBe('created');
    expect(r.report.findings.length).toBeGreaterThan(1);
    expect(openIssues()).toHaveLength(1);
    const issue = openIssues()[0]!;
    expect(issue.body).toContain(TRACKING_MARKER);
    expect(Object.keys(decodeState(issue.body)!.findings).sort()).toEqual(r.report.findings.map((f) => f.id).sort());
    expect(gh.pinned).toEqual([issue.node_id]);
    expect(r.report.findings.every((f) => f.status === 'new')).toBe(true);
  });

  it('a maintainer ticks a box (GitHub saves CRLF); the next audits keep it muted and ticked', async () => {
    const issue = openIssues()[0]!;
    const target = decodeState(issue.body)!;
    const id = Object.keys(target.findings)[0]!;
    issue.body = issue
      .body!.replace(
        `[ ] Mute this finding <!-- audit-ci:mute:${id} -->`,
        `[x] Mute this finding <!-- audit-ci:mute:${id} -->`,
      )
      .replace(/\n/g, '\r\n');
    expect(readMutes(issue.body).has(id)).toBe(true);

    const r2 = await run(1);
    expect(r2.issue).toMatchObject({ number: issue.number, action: 'updated' });
    expect(r2.report.findings.find((f) => f.id === id)?.muted).toBe(true);
    expect(r2.report.findings.every((f) => f.status === 'ongoing')).toBe(true);
    expect(readMutes(openIssues()[0]!.body).has(id)).toBe(true);

    const writes = gh.writes.length;
    const r3 = await run(2);
    expect(r3.issue?.action).toBe('unchanged');
    expect(r3.report.findings.find((f) => f.id === id)?.muted).toBe(true);
    expect(gh.writes.length).toBe(writes);
  });

  it('a duplicate open tracking issue is closed as a duplicate of the oldest', async () => {
    const original = openIssues()[0]!;
    const dup = {
      ...structuredClone(original),
      number: 9000,
      id: 9000,
      node_id: 'I_dup',
      created_at: day(3).toISOString(),
    };
    gh.issues.push(dup);
    const r = await run(3);
    expect(r.issue?.number).toBe(original.number);
    expect(dup.state).toBe('closed');
    expect(dup.state_reason).toBe('not_planned');
    expect(gh.comments(9000).map((c) => c.body)).toEqual([`Duplicate of #${original.number}`]);
  });

  it('a human closes the issue: the next audit opens a fresh one that links it', async () => {
    const closed = openIssues()[0]!;
    closed.state = 'closed';
    closed.closed_at = day(4).toISOString();
    const r = await run(5);
    expect(r.issue?.action).toBe('created');
    expect(openIssues()).toHaveLength(1);
    expect(openIssues()[0]!.body).toContain(closed.html_url);
  });

  it('a damaged hidden state is named in one warning and read as none: findings kept, issue kept, ticks count', async () => {
    const issue = openIssues()[0]!;
    const id = Object.keys(decodeState(issue.body)!.findings)[0]!;
    // One character of the state's payload changed (a hand edit), and a box ticked.
    issue.body = issue
      .body!.replace(/v1 ([A-Za-z0-9_-])/, (_m, c: string) => `v1 ${c === 'A' ? 'B' : 'A'}`)
      .replace(muteCheckbox(id, false), muteCheckbox(id, true));
    expect(decodeState(issue.body)).toBeNull();
    const warnings: string[] = [];
    const r = await run(6, { log: { ...quiet, warn: (m) => warnings.push(m) } });
    expect(warnings.filter((w) => /hidden state/.test(w))).toEqual([
      `The hidden state of tracking issue #${issue.number} is unreadable: its checksum does not match the payload (edited by hand?). ` +
        'This audit starts without it: every finding shows as new; ticked mute boxes still count.',
    ]);
    expect(r.issue).toMatchObject({ number: issue.number, action: 'updated' });
    expect(openIssues()).toHaveLength(1);
    expect(r.report.findings.length).toBeGreaterThan(1);
    expect(r.report.findings.every((f) => f.status === 'new')).toBe(true);
    expect(r.report.findings.find((f) => f.id === id)?.muted).toBe(true);
    // Nothing is called resolved on the strength of a state that could not be read.
    expect(r.report.resolved).toEqual([]);
    expect(decodeState(openIssues()[0]!.body)?.findings[id]?.muted).toBe(true);
    // The trap: a good state gives no such warning.
    const quietAgain: string[] = [];
    await run(7, { log: { ...quiet, warn: (m) => quietAgain.push(m) } });
    expect(quietAgain.filter((w) => /hidden state/.test(w))).toEqual([]);
  });

  it('a box ticked while the audit ran (after its read, before its write) is kept', async () => {
    const issue = openIssues()[0]!;
    const ids = Object.keys(decodeState(issue.body)!.findings).filter(
      (i) => readMutes(issue.body).present.has(i) && !readMutes(issue.body).has(i),
    );
    const [ticked, untouched] = ids as [string, string];
    expect(untouched).toBeDefined();
    // The report changed since (its state line gone), so this audit writes the body.
    issue.body = issue.body!.replace(/<!-- audit-ci:state v1 \S+ -->/, '');
    // The maintainer's tick lands once the audit has read the issue and is about to write it.
    const tickMeanwhile: Logger = {
      ...quiet,
      group: (name, fn) => {
        if (name === 'Publish')
          issue.body = issue.body!.replace(muteCheckbox(ticked, false), muteCheckbox(ticked, true));
        return fn();
      },
    };
    const r = await run(8, { log: tickMeanwhile });
    expect(r.issue).toMatchObject({ number: issue.number, action: 'updated' });
    // The audit had read the box unticked, so its own report shows the finding...
    expect(r.report.findings.find((f) => f.id === ticked)?.muted).toBeUndefined();
    // ...but the body it wrote keeps the tick, and the next audit mutes the finding.
    const written = openIssues()[0]!.body!;
    expect(readMutes(written).has(ticked)).toBe(true);
    expect(readMutes(written).has(untouched)).toBe(false);
    const next = await run(9);
    expect(next.report.findings.find((f) => f.id === ticked)?.muted).toBe(true);
    expect(next.report.findings.find((f) => f.id === untouched)?.muted).toBeUndefined();
  });
});
