import fc from 'fast-check';
import { runs } from '../test/fast-check.js';
import MarkdownIt from 'markdown-it';
import { cell, codeBlock, codeSpan, details, inline, link, prose, safeUrl, table } from '../src/render/markdown.js';

const md = new MarkdownIt({ html: true });
/** What a reader sees as plain text (outside code spans), where GitHub links and notifies. */
const plain = (out: string): string =>
  (md.parseInline(out, {})[0]?.children ?? [])
    .filter((t) => t.type === 'text')
    .map((t) => t.content)
    .join('');
/** The contents of the code spans: inert, and copyable as written. */
const codes = (out: string): string[] =>
  (md.parseInline(out, {})[0]?.children ?? []).filter((t) => t.type === 'code_inline').map((t) => t.content);
const ZERO_WIDTH = /[\u200b-\u200f\u2060-\u2064\ufeff]/;

/** A live mention: @ after a boundary, directly followed by a handle character. */
const MENTION = /(^|[^A-Za-z0-9])@[A-Za-z0-9_-]/;
/** A raw HTML tag or comment opener. */
const RAW_TAG = /<[A-Za-z/!?]/;
/** A reference GitHub would link: #123, GH-123. */
const REF = /#\d|\bGH-\d/i;

describe('inline', () => {
  it('puts user and team mentions in code spans, which do not notify, copyable as written', () => {
    const out = inline('fix by @octocat and @org/team-a');
    expect(out).toBe('fix by `@octocat` and `@org/team-a`');
    expect(plain(out)).not.toMatch(MENTION);
    expect(codes(out)).toEqual(['@octocat', '@org/team-a']);
    expect(out).not.toMatch(ZERO_WIDTH);
    // Sentence punctuation stays outside the span.
    expect(inline('Not marked @flaky.')).toBe('Not marked `@flaky`.');
    expect(inline('("@user")')).toBe('("`@user`")');
  });

  it('leaves action refs and e-mail addresses alone: GitHub does not mention after a word character', () => {
    expect(inline('actions/checkout@v4 and dev@example.com')).toBe('actions/checkout@v4 and dev@example.com');
    expect(plain(inline('`@user`'))).not.toMatch(MENTION);
    expect(plain(inline('_@user'))).not.toMatch(MENTION);
  });

  it('breaks issue references in every form', () => {
    for (const t of ['#1', 'see #123', 'GH-123', 'owner/repo#1', 'gh-7']) {
      const out = inline(t);
      expect(plain(out)).not.toMatch(REF);
      expect(out).not.toMatch(ZERO_WIDTH);
    }
    expect(codes(inline('see owner/repo#1'))).toEqual(['owner/repo#1']);
  });

  it('breaks bare URLs so pasted issue links neither autolink nor cross-reference', () => {
    const out = inline('see https://github.com/o/r/issues/12, and www.example.com');
    expect(plain(out)).not.toContain('https://');
    expect(plain(out)).not.toMatch(/\bwww\./);
    // The URL copies whole: no zero-width character inside, the comma outside.
    expect(codes(out)).toEqual(['https://github.com/o/r/issues/12', 'www.example.com']);
    expect(out).toContain('`https://github.com/o/r/issues/12`, and');
  });

  it('drops invisible zero-width and bidi characters, so what is copied is what is seen', () => {
    // fast-check found a lone U+200B passing through unchanged (CI run of 2026-12-01).
    for (const t of ['\u200b', 'a\u200bb', '\ufeffname', '@\u200boctocat', '#\u20601', 'x\u200ey\u200f']) {
      for (const out of [inline(t), cell(t), codeSpan(t)]) expect(out).not.toMatch(ZERO_WIDTH);
    }
    expect(inline('a\u200bb')).toBe('ab');
    expect(plain(inline('@\u200boctocat'))).not.toMatch(MENTION);
    expect(plain(inline('#\u20601'))).not.toMatch(REF);
  });

  it('escapes HTML, so an img tag or a fake state marker is shown as text', () => {
    expect(inline('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;');
    const marker = inline('<!-- audit-ci:state {"v":1} -->');
    expect(marker).not.toContain('<!--');
    expect(marker).not.toMatch(RAW_TAG);
    expect(inline('a & b')).toBe('a &amp; b');
  });

  it('escapes link syntax and code spans so text cannot inject links', () => {
    const out = inline('[click](javascript:alert(1)) ![x](http://evil/x.png) `code`');
    const tokens = md.parseInline(out, {})[0]!.children!.map((t) => t.type);
    expect(tokens).not.toContain('link_open');
    expect(tokens).not.toContain('image');
    expect(out).toContain('\\[click\\](javascript:alert(1))');
    expect(out).toContain('\\`code\\`');
  });

  it('collapses newlines, strips ANSI colours and bidi controls, cuts long text', () => {
    expect(inline('a\nb\r\n  c')).toBe('a b c');
    expect(inline('\u001b[31mred\u001b[0m \u202eevil')).toBe('red evil');
    expect(inline('x'.repeat(500), 10)).toBe(`${'x'.repeat(9)}…`);
    // Never mid-word when a word boundary is near the end.
    expect(inline('Verify the machine is running and has a healthy network connection', 30)).toBe(
      'Verify the machine is running…',
    );
  });

  it('escapes a first character that would open a block at the start of a line', () => {
    expect(inline('~~~ fence')).toBe('\\~\\~\\~ fence');
    expect(inline('# heading')).toBe('\\# heading');
    expect(inline('- item')).toBe('\\- item');
    expect(inline('___')).toBe('\\_\\_\\_');
    expect(inline('12. item')).toBe('12\\. item');
    expect(prose('=== x `y`')).toBe('\\=== x `y`');
  });

  it('escapes emphasis and strike-through markers, so a name keeps its underscores and stars', () => {
    // jest's test folder: a bare `__tests__` rendered as bold "tests" and copied without them.
    const out = inline('packages/api/src/__tests__/session.test.ts › refreshes');
    expect(out).toBe('packages/api/src/\\_\\_tests\\_\\_/session.test.ts › refreshes');
    expect(plain(out)).toBe('packages/api/src/__tests__/session.test.ts › refreshes');
    expect(plain(inline('a*b*c and ~~gone~~ and _x_'))).toBe('a*b*c and ~~gone~~ and _x_');
    // Between letters or digits an underscore never emphasises: left as written.
    expect(inline('test_full_resync[py3_12]')).toBe('test_full_resync\\[py3_12\\]');
  });

  it('escapes dollar signs so shell variables are not rendered as math', () => {
    expect(inline('cp $HOME/a $RUNNER_TEMP')).toBe('cp \\$HOME/a \\$RUNNER_TEMP');
  });

  it('escapes backslashes so text cannot undo our escapes', () => {
    expect(inline('\\[x]')).toBe('\\\\\\[x\\]');
  });
});

describe('cell', () => {
  it('cannot break out of a table row', () => {
    const out = cell('| a | b |\n| --- | --- |');
    expect(out).not.toMatch(/(^|[^\\])\|/);
    expect(out).not.toContain('\n');
    expect(cell('')).toBe(' ');
  });

  it('keeps a table with hostile cells to its columns', () => {
    const t = table(['Branch', 'Runs'], [[cell('evil|branch\nnext'), '3']]);
    const rows = t.split('\n');
    expect(rows).toHaveLength(3);
    expect(rows[2]!.split(/(?<!\\)\|/)).toHaveLength(4);
  });
});

describe('codeBlock', () => {
  it('uses a fence longer than any backtick run inside', () => {
    const out = codeBlock('line\n```\nrm -rf /\n`````\n');
    const fence = out.split('\n')[0]!;
    expect(fence).toBe('``````');
    expect(out.endsWith(`\n${fence}`)).toBe(true);
  });

  it('breaks HTML comments even inside the block, so no log line imitates the state marker', () => {
    const out = codeBlock('x <!-- audit-ci:state e30= -->');
    expect(out).not.toContain('<!--');
  });

  it('keeps the first lines and counts the rest', () => {
    const out = codeBlock(Array.from({ length: 50 }, (_, i) => `l${i}`).join('\n'), 'text', 5);
    expect(out).toContain('l4\n… 45 more lines\n```');
    expect(out.startsWith('```text\n')).toBe(true);
  });

  it('drops anything but word characters from the language', () => {
    expect(codeBlock('x', 'js\n<b>').split('\n')[0]).toBe('```jsb');
  });
});

describe('codeSpan', () => {
  it('wraps text with backticks in a longer delimiter', () => {
    expect(codeSpan('a `b` c')).toBe('``a `b` c``');
    expect(codeSpan('`x')).toBe('`` `x ``');
    expect(codeSpan('')).toBe('` `');
    expect(codeSpan('<!-- x')).not.toContain('<!--');
  });
});

describe('link', () => {
  it('links only http(s) URLs on the expected server', () => {
    expect(link('run 1', 'https://github.com/o/r/actions/runs/1')).toBe(
      '[run 1](https://github.com/o/r/actions/runs/1)',
    );
    expect(link('x', 'javascript:alert(1)')).toBe('x');
    expect(link('x', 'https://evil.example/o/r')).toBe('x');
    expect(link('x', 'https://user:pw@github.com/')).toBe('x');
    expect(link('x', 'not a url')).toBe('x');
    expect(link('ghes', 'https://ghe.corp/o/r', 'https://ghe.corp')).toBe('[ghes](https://ghe.corp/o/r)');
  });

  it('encodes parentheses so the URL cannot end the link early, and neutralises the text', () => {
    expect(safeUrl('https://github.com/o/r/a(b)|c')).toBe('https://github.com/o/r/a%28b%29%7Cc');
    expect(link('@team [x]', 'https://github.com/')).toBe('[`@team` \\[x\\]](https://github.com/)');
  });
});

describe('details', () => {
  it('wraps a body in a collapsible block with blank lines so Markdown inside renders', () => {
    expect(details('3 more', '- a')).toBe('<details><summary>3 more</summary>\n\n- a\n\n</details>');
  });
});

describe('properties', () => {
  const hostile = fc.string({
    unit: fc.constantFrom(...'<>!-@#/|`[]()\\&\n abcGH-1_'.split(''), 'audit-ci:', '<!--', '@org', '#12'),
    maxLength: 80,
  });
  const texts = fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 40 }), hostile);

  it('inline and cell never emit a comment opener, a live mention, a raw tag or a reference', () => {
    fc.assert(
      fc.property(texts, (t) => {
        for (const out of [inline(t), cell(t)]) {
          expect(out).not.toContain('<!--');
          expect(plain(out)).not.toMatch(MENTION);
          expect(out).not.toMatch(RAW_TAG);
          expect(plain(out)).not.toMatch(REF);
          expect(out).not.toContain('\n');
          expect(out).not.toMatch(ZERO_WIDTH);
        }
      }),
      runs(2000),
    );
  });

  it('cell output never holds an unescaped pipe', () => {
    fc.assert(fc.property(texts, (t) => expect(cell(t)).not.toMatch(/(^|[^\\])(\\\\)*\|/)));
  });

  it('codeBlock is never closed early by its content', () => {
    fc.assert(
      fc.property(texts, (t) => {
        const lines = codeBlock(t).split('\n');
        const fence = lines[0]!;
        const closers = lines.slice(1).filter((l) => /^ {0,3}`{3,}\s*$/.test(l) && l.trim().length >= fence.length);
        expect(closers).toHaveLength(1);
        expect(lines.at(-1)).toBe(fence);
        expect(lines.join('\n')).not.toContain('<!--');
      }),
      runs(1000),
    );
  });
});
