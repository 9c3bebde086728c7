/**
 * The rendered issue and job summary as a maintainer sees them: parsed by a CommonMark/GFM
 * renderer (markdown-it, html on as on GitHub) and checked for structure, not golden text:
 * one table first, with the right columns, whose links reach an anchor of the page; tight
 * lists; no live mentions or refs outside code; no zero-width characters; unique run labels;
 * every Mermaid chart accepted by Mermaid's own parser. Runs on the bundled example history
 * (examples/history.json, replayed through the whole pipeline) and on the fixture reports.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseMermaid } from '@mermaid-js/parser';
import MarkdownIt from 'markdown-it';
import { audit, type Logger } from '../src/audit.js';
import { muteCheckbox as muteBox } from '../src/tracking/mutes.js';
import { readSettings } from '../src/inputs.js';
import { renderReport } from '../src/render/report.js';
import type { History } from '../src/types.js';
import { fullReport } from './fixtures/render/reports.js';
import { hostileReport } from './fixtures/render/edge-reports.js';

type Token = ReturnType<InstanceType<typeof MarkdownIt>['parse']>[number];
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const md = new MarkdownIt({ html: true, linkify: false });
const quiet: Logger = { info: () => {}, warn: () => {}, debug: () => {}, group: (_n, fn) => fn() };

async function example(): Promise<{ issue: string; summary: string; history: History }> {
  const history = JSON.parse(readFileSync(join(ROOT, 'examples/history.json'), 'utf8')) as History;
  const [owner, repo] = history.repository.split('/');
  const given: Record<string, string> = {
    token: 'unused-offline',
    repository: `${owner}/${repo}`,
    window: history.window.requested,
    issue: 'false',
    'max-logs': '40',
    'report-path': '/tmp/audit-ci-test/report.json',
  };
  const settings = readSettings((n) => given[n] ?? '', {});
  const r = await audit({
    settings,
    history,
    configText: null,
    serverUrl: history.serverUrl,
    now: new Date(history.collectedAt),
    renderIssueBody: true,
    log: quiet,
  });
  return { issue: r.issueBody!, summary: r.summary, history };
}

/** Text of the inline tokens outside code spans, code blocks and HTML. */
function proseText(tokens: Token[]): string {
  const out: string[] = [];
  for (const t of tokens) {
    if (t.type === 'inline') for (const c of t.children ?? []) if (c.type === 'text') out.push(c.content);
  }
  return out.join('\n');
}

function anchors(html: string): Set<string> {
  return new Set([...html.matchAll(/<a name="([^"]+)"><\/a>/g)].map((m) => m[1]!));
}

function checkStructure(text: string): Token[] {
  const tokens = md.parse(text, {});
  const html = md.render(text);
  // The first table comes before any finding detail, has 5 columns in every row.
  const firstTable = tokens.findIndex((t) => t.type === 'table_open');
  const firstDetail = tokens.findIndex((t) => t.type === 'heading_open' && t.tag === 'h4');
  if (firstDetail >= 0) {
    expect(firstTable).toBeGreaterThanOrEqual(0);
    expect(firstTable).toBeLessThan(firstDetail);
  }
  let cols = 0;
  for (const t of tokens) {
    if (t.type === 'tr_open') cols = 0;
    if (t.type === 'th_open' || t.type === 'td_open') cols++;
    if (t.type === 'tr_close') expect(cols).toBe(5);
  }
  // Every in-page link reaches an anchor on the page.
  const names = anchors(html);
  const hrefs = [...html.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]!);
  for (const h of hrefs) expect(names).toContain(h);
  // Lists are tight: markdown-it hides the paragraphs of a tight list's items.
  for (const t of tokens)
    if (t.type === 'paragraph_open' && t.level > 0 && !t.hidden) {
      throw new Error(`loose list item paragraph at line ${t.map?.[0]}`);
    }
  // No zero-width characters anywhere a reader copies from.
  // (Only a log line imitating the hidden state marker keeps one, inside code: `<\u200d!--`.)
  expect(text.replace(/<\u200d!--/g, '')).not.toMatch(/[\u200b-\u200d\u2060\ufeff]/);
  // Nothing outside code would mention someone or reference an issue.
  const prose = proseText(tokens);
  expect(prose).not.toMatch(/(^|[^A-Za-z0-9`])@[A-Za-z0-9][\w-]*/m);
  expect(prose).not.toMatch(/(^|\s)#\d+/m);
  expect(prose).not.toMatch(/https?:\/\//);
  return tokens;
}

async function checkCharts(text: string): Promise<number> {
  const charts = [...text.matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map((m) => m[1]!);
  for (const c of charts) {
    const type = c.trimStart().split(/\s/)[0]!;
    expect(type).toBe('pie');
    const ast = await parseMermaid('pie', c);
    expect(ast.sections.length).toBeGreaterThan(1);
  }
  return charts.length;
}

describe('the bundled example, rendered', () => {
  let ex: Awaited<ReturnType<typeof example>>;
  beforeAll(async () => {
    ex = await example();
  });

  it.each(['issue', 'summary'] as const)('%s: table first, tight lists, anchors, no live mentions', async (which) => {
    const text = ex[which];
    const tokens = checkStructure(text);
    // Headings: one table section, one details section, no repeated heading text.
    const h3 = tokens.flatMap((t, i) => (t.type === 'heading_open' && t.tag === 'h3' ? [tokens[i + 1]!.content] : []));
    expect(h3[0]).toBe('What to fix first');
    expect(new Set(h3).size).toBe(h3.length);
    expect(await checkCharts(text)).toBeGreaterThanOrEqual(1);
  });

  it('issue: the highest-severity, costliest finding is the first row; the first audit claims nothing new', () => {
    const rows = ex.issue
      .split('\n')
      .filter((l) => l.startsWith('| 🔴') || l.startsWith('| 🟠') || l.startsWith('| 🟡'));
    expect(rows[0]).toMatch(/^\| 🔴 \| \[CI \/ build-image rebuilt its base image in 6 of the 6 logs read/);
    expect(rows[0]).toContain('6 of 6 logs read, of 45 runs');
    expect(ex.issue).toContain('no earlier audit to compare with');
    expect(ex.issue).not.toMatch(/new since the last audit|🆕/);
  });

  it('one cause, one finding: the build-image slowdown is part of the rebuild finding', () => {
    expect(ex.issue).not.toMatch(/build-image slowed on main/);
    expect(ex.issue).toMatch(/The rebuilds also slow the job\. On branch main, build-image took a median/);
    // Said once, in the rebuild's own words: the slowdown adds its numbers, not a second quote.
    expect(ex.issue).not.toContain('Its logs show the image rebuilt in that step');
  });

  it('labels runs by workflow and number, each label naming one run', () => {
    const byLabel = new Map<string, Set<string>>();
    // The trap: run numbers repeat across workflows (CI and Docs both have a run 112).
    const numbers = ex.history.runs.map((r) => r.runNumber);
    expect(new Set(numbers).size).toBeLessThan(numbers.length);
    for (const m of ex.issue.matchAll(/\[((?:CI|Docs) run \d+)\]\(([^)]+\/actions\/runs\/\d+)/g)) {
      byLabel.set(m[1]!, (byLabel.get(m[1]!) ?? new Set()).add(m[2]!));
    }
    expect(byLabel.size).toBeGreaterThan(10);
    for (const [label, urls] of byLabel) expect([label, urls.size]).toEqual([label, 1]);
  });

  it('states what was read in the header, not in a warning box', () => {
    expect(ex.issue).toMatch(
      /- \*\*Evidence:\*\* 89 of the 98 job logs the rules asked for were read; not read: 8 over input "max-logs" \(auto: 20% of 5000 an hour, 1\.5 a run: 90\); 1 unavailable \(404 Not Found\)/,
    );
    expect(ex.issue).not.toMatch(/⚠️|\[!WARNING\]/);
    // The one log that is gone is named, collapsed, for whoever wants to look it up.
    expect(ex.issue).toMatch(/<details><summary>1 log asked for could not be read<\/summary>\n\n- logs of job \d+/);
  });

  it('does not credit a bump to a version that keeps the deprecated runtime', () => {
    expect(ex.issue).toContain('**Not counted as a fix:** [PR 112: Bump actions/cache from 3 to 4]');
    expect(ex.issue).toMatch(/v4 of actions\/cache runs on Node.js 20 or older; v5 is the first on Node.js 24/);
  });

  it('leaves out a chart that shows no change', () => {
    // build-docs takes about 21 minutes every day: no per-day line; build-image went from 1 to 7 minutes.
    expect(ex.issue).not.toMatch(/Median duration per day[^\n]*\n*[^\n]*build-docs/);
    expect(ex.issue).toMatch(/\*\*Median duration per day \(UTC\):\*\* 11-20 58s → 11-21 6m 48s/);
  });
});

describe('fixture reports, rendered', () => {
  it.each([
    ['full', fullReport],
    ['hostile', hostileReport],
  ] as const)('%s: structure holds for the issue and the summary', async (_name, make) => {
    for (const target of ['issue', 'summary'] as const) {
      const s = make();
      const text = renderReport({
        report: s.report,
        history: s.history,
        target,
        maxChars: target === 'issue' ? 65_536 : 1_000_000,
        ...(target === 'issue' ? { muteBox } : {}),
      });
      checkStructure(text);
      await checkCharts(text);
    }
  });
});

describe('the structure checks themselves', () => {
  it('catch a loose list, a live mention, a zero-width joiner and a dangling link', () => {
    expect(() => checkStructure('* [run 1](https://github.com/o/r)\n\n- [ ] Mute\n')).not.toThrow();
    expect(() => checkStructure('- [run 1](https://github.com/o/r)\n\n- [ ] Mute\n')).toThrow(/loose list/);
    expect(() => checkStructure('Ping @octocat here\n')).toThrow();
    expect(() => checkStructure('see #12\n')).toThrow();
    expect(() => checkStructure('`@octocat` and `#12`\n')).not.toThrow();
    expect(() => checkStructure('Not marked @\u200dflaky\n')).toThrow();
    expect(() => checkStructure('[a](#nowhere)\n')).toThrow();
  });

  it('reject a chart type the parser does not know', async () => {
    await expect(checkCharts('```mermaid\nxychart-beta\n  bar [1, 2]\n```\n')).rejects.toThrow();
  });
});
