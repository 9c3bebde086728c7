/**
 * Whole reports with random untrusted text wherever CI data reaches the body (titles, details,
 * branches, notes, job and test names, PR titles, gap reasons): the rendered issue must keep its
 * structure and carry no HTML, comment, mention or reference that text could have injected.
 */
import fc from 'fast-check';
import { runs } from '../test/fast-check.js';
import MarkdownIt from 'markdown-it';
import { muteCheckbox, readMutes } from '../src/tracking/mutes.js';
import { decodeState } from '../src/tracking/state.js';
import { renderReport } from '../src/render/report.js';
import type { Finding } from '../src/types.js';
import { fullReport } from './fixtures/render/reports.js';

type Token = ReturnType<InstanceType<typeof MarkdownIt>['parse']>[number];
const STATE = '<!-- audit-ci:state v1 eyJ2IjoxfQ.0123456789abcdef -->';
/** Our own tags: collapsible blocks, small print, and the empty anchors the first table links to. */
const ALLOWED_TAGS = /<\/?(details|summary|sub)\b|<a name="finding-[a-z0-9-]+">|<\/a>/g;

const hostile = fc.string({
  unit: fc.constantFrom(
    ...'<>!-@#/|`[]()\\&\n abcGH-1_*'.split(''),
    '<!--',
    '-->',
    '@org/team',
    '#12',
    '```',
    'audit-ci:state v1 ',
    '- [x] Mute this finding ',
    '<img src=x>',
    'https://github.com/o/r/issues/1',
    '~~~',
    '# ',
    '- ',
    '1. ',
    '___',
    '===',
  ),
  maxLength: 60,
});

const md = new MarkdownIt({ html: true });

/**
 * What GitHub would interpret, as a CommonMark parser reads the body: text outside code spans
 * and blocks, raw HTML, and link targets. Code renders inert. Each piece is its own line: GitHub
 * sees an element boundary between them.
 */
function live(text: string): { text: string; html: string; hrefs: string[] } {
  const out = { text: [] as string[], html: [] as string[], hrefs: [] as string[] };
  const visit = (tokens: Token[]): void => {
    for (const t of tokens) {
      if (t.type === 'text') out.text.push(t.content);
      if (t.type === 'html_inline' || t.type === 'html_block') out.html.push(t.content);
      if (t.type === 'link_open') out.hrefs.push(String(t.attrGet('href') ?? ''));
      if (t.children) visit(t.children);
    }
  };
  visit(md.parse(text, {}));
  return { text: out.text.join('\n'), html: out.html.join('\n'), hrefs: out.hrefs };
}

/** Lines outside fenced code blocks, with CommonMark's fence rules (backtick or tilde). */
function outsideFences(body: string): { lines: string[]; open: boolean } {
  const lines: string[] = [];
  let fence: { ch: string; len: number } | null = null;
  for (const line of body.split('\n')) {
    if (fence === null) {
      const m = /^ {0,3}(`{3,}(?=[^`]*$)|~{3,})/.exec(line);
      if (m) fence = { ch: m[1]![0]!, len: m[1]!.length };
      else lines.push(line);
    } else {
      const m = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
      if (m && m[1]![0] === fence.ch && m[1]!.length >= fence.len) fence = null;
    }
  }
  return { lines, open: fence !== null };
}

function checkBody(body: string, expectedMutes: string[], findings: number): void {
  // Structure: every fence and <details> closed, and every mute box still a list item.
  const outside = outsideFences(body);
  expect(outside.open).toBe(false);
  expect(outside.lines.filter((l) => /^\s*- \[[ x]\] Mute this finding <!-- /.test(l))).toHaveLength(findings);
  expect((body.match(/<details/g) ?? []).length).toBe((body.match(/<\/details>/g) ?? []).length);
  // Only our own comments and tags.
  for (const c of body.match(/<!--[\s\S]*?-->/g) ?? []) {
    expect(c).toMatch(/^<!-- audit-ci:(volatile|tracking-issue|mute:[a-z0-9-]+|state v1 \S+) -->$/);
  }
  const seen = live(body);
  expect(seen.html.replace(/<!-- audit-ci:[^>]*-->/g, '').replace(ALLOWED_TAGS, '')).not.toMatch(/<[A-Za-z/!?]/);
  expect(seen.text).not.toMatch(/(^|[^A-Za-z0-9])@[A-Za-z0-9_-]/m);
  expect(seen.text).not.toMatch(/(^|[^&\w])#\d|\bGH-\d/i);
  expect(seen.text).not.toMatch(/https?:\/\/|\bwww\./);
  for (const h of seen.hrefs) expect(h).toMatch(/^(https:\/\/github\.com\/acme\/widgets\/|#finding-)/);
  expect(body).not.toMatch(/[\u200b\u200c\u2060\ufeff]|\u200d(?!!--)/);
  // The next audit reads back exactly our mutes and our state.
  expect([...readMutes(body)].sort()).toEqual(expectedMutes.sort());
  expect(decodeState(body)).toBeNull(); // STATE here is a placeholder with a bad checksum…
  expect(body.endsWith(`\n${STATE}`)).toBe(true); // …appended verbatim, last.
}

describe('rendering random untrusted text', () => {
  it('never lets it inject structure, markup, mentions or references', () => {
    fc.assert(
      fc.property(
        fc.record({
          title: hostile,
          detail: hostile,
          excerpt: hostile,
          branch: hostile,
          note: hostile,
          job: hostile,
          test: hostile,
          pr: hostile,
          gap: hostile,
          muted: fc.boolean(),
        }),
        (t) => {
          const s = fullReport();
          const f: Finding = s.report.findings[0]!;
          Object.assign(f, {
            title: t.title,
            detail: `${t.detail}\n\n${t.excerpt}`,
            subject: { workflow: 'CI', job: t.job, test: t.test },
            muted: t.muted,
            fixedBy: [{ number: 9, title: t.pr, url: 'https://github.com/acme/widgets/pull/9' }],
          });
          f.occurrences = f.occurrences.map((o) => ({ ...o, branch: t.branch, note: t.note }));
          s.report.gaps = [{ what: t.gap, reason: t.title }];
          s.report.resolved = [{ id: 'x', category: 'other', title: t.detail }];
          const body = renderReport({
            report: s.report,
            history: s.history,
            target: 'issue',
            maxChars: 65_536,
            stateMarker: STATE,
            muteBox: muteCheckbox,
          });
          checkBody(
            body,
            s.report.findings.filter((x) => x.muted).map((x) => x.id),
            s.report.findings.length,
          );
        },
      ),
      runs(150),
    );
  });
});
