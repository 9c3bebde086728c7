/**
 * Neutralising untrusted text (branch names, test names, log lines, PR titles) for Markdown:
 * no live @mentions or #refs, no raw HTML, no table or code-fence breakouts, no fake state markers.
 *
 * Why each step: the issue body is edited every night, and GitHub notifies `@user`/`@org/team`
 * and cross-references `#123`, `GH-123`, `owner/repo#1` and pasted issue URLs on every edit that
 * adds them. The hidden state and mute markers are HTML comments, so no untrusted text may ever
 * produce `<!--`, not even inside a code block (the state parser reads the raw body).
 */

/**
 * Zero-width joiner: only ever breaks `<!--` inside code (a log line imitating the hidden state
 * marker), where nothing else can. Mentions, refs and URLs become code spans instead: inert on
 * GitHub, and they copy and search as written.
 */
export const ZWJ = '\u200d';

/**
 * ANSI colour codes, control characters (except tab/newline), bidi controls and invisible
 * zero-width characters (U+200B–U+200F, U+2060–U+2064, U+FEFF) that logs and names can carry.
 * The invisible ones are dropped so that what a reader copies is what they see, and so that the
 * only zero-width joiners in a rendered body are the ones this module puts there.
 */
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;
const CONTROL =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** Strip colour codes and control, bidi and zero-width characters; normalise line ends. */
export function clean(text: string): string {
  return String(text ?? '')
    .replace(/\r\n?/g, '\n')
    .replace(ANSI, '')
    .replace(CONTROL, '');
}

/**
 * A word GitHub would turn into a notification or a link: `@user`, `@org/team` (after a
 * non-word character or the start: `actions/checkout@v4` and e-mail addresses are not
 * mentions), `#123`, `owner/repo#1`, `GH-123`, and bare URLs (`https://…`, `www.…`), which
 * autolink and, for issue URLs, cross-reference.
 */
const LIVE = /(?:^|[^A-Za-z0-9])@[A-Za-z0-9_-]|#\d|\bGH-\d|:\/\/|\bwww\./i;

/** Punctuation kept outside a code span around a live word (sentence and quote marks). */
const EDGE_START = /^["'(]+/;
const EDGE_END_CHARS = `"'),.;:!?`;

/** The run of closing punctuation at the end of `w` (a loop: `/[…]+$/` is quadratic on a backtracking engine). */
function edgeEnd(w: string): string {
  let i = w.length;
  while (i > 0 && EDGE_END_CHARS.includes(w[i - 1]!)) i--;
  return w.slice(i);
}

/**
 * Cut to `max` characters at the last word boundary, marked with `…`: never mid-word, unless
 * the first word alone is longer than the budget.
 */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max - 1);
  if (text[max - 1] === ' ') return `${head.trimEnd()}…`;
  const space = head.lastIndexOf(' ');
  return `${(space > 0 ? head.slice(0, space) : head).trimEnd()}…`;
}

/**
 * Markdown punctuation that could start a link, image, code span, autolink, HTML or escape, or
 * split a table cell; `$` because GitHub renders `$…$` as math (`$HOME/$PATH` in a log line);
 * `*` and `~`, which emphasise and strike through even inside a word. An underscore is escaped
 * unless it sits between two letters or digits (`test_full_resync`), where it never emphasises:
 * jest's `__tests__/` folder would otherwise render as bold "tests" and copy without them.
 */
const MD_SPECIAL = /[\\`[\]<>&|$*~_]/g;
const WORD_CHAR = /^[\p{L}\p{N}]$/u;
const ENTITY: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;' };

/**
 * One line of untrusted text, safe anywhere in running Markdown: whitespace collapsed,
 * HTML escaped, links/code spans/emphasis markers escaped, mentions and refs broken.
 */
export function inline(text: string, max = 300): string {
  const t = cut(clean(text).replace(/\s+/g, ' ').trim(), max);
  return leading(escapeText(t));
}

/**
 * Text may land at the start of a line (a paragraph, a list item): escape a first character
 * that would open a block there (heading, list, fence, thematic break, setext underline).
 * A backslash before ASCII punctuation is invisible anywhere, so this is safe mid-line too.
 */
function leading(t: string): string {
  if (/^[#+\-*=~_]/.test(t)) return `\\${t}`;
  return t.replace(/^(\d{1,9})([.)])/, '$1\\$2');
}

const escapePlain = (t: string): string =>
  t.replace(MD_SPECIAL, (c: string, at: number) =>
    c === '_' && WORD_CHAR.test(t[at - 1] ?? '') && WORD_CHAR.test(t[at + 1] ?? '') ? c : (ENTITY[c] ?? `\\${c}`),
  );

/**
 * Plain text escaped for Markdown; each word that would mention, reference or autolink is a
 * code span (`|`, backticks and angle brackets split words, so a span never holds a table
 * pipe or an HTML comment opener).
 */
function escapeText(t: string): string {
  return t
    .split(/(\s+|[|`<>]+)/)
    .map((w) => {
      if (!LIVE.test(w)) return escapePlain(w);
      const pre = EDGE_START.exec(w)?.[0] ?? '';
      const post = edgeEnd(w.slice(pre.length));
      const core = w.slice(pre.length, w.length - post.length);
      return LIVE.test(core) ? `${escapePlain(pre)}${codeSpan(core, Infinity)}${escapePlain(post)}` : escapePlain(w);
    })
    .join('');
}

/** Text for a table cell: inline, never empty (an empty cell can shift columns in some renderers). */
export function cell(text: string, max = 300): string {
  const t = inline(text, max);
  return t === '' ? ' ' : t;
}

/**
 * Like `inline`, but keeps the code spans a rule wrote (`` `actions/checkout@v4` ``): each span's
 * content is re-emitted through `codeSpan` (inert: no mentions, refs or HTML), the text between
 * through `inline`. A stray backtick from a log line can only shift which parts are code, never
 * let anything through unescaped.
 */
export function prose(text: string, max = 1500): string {
  const t = cut(clean(text).replace(/\s+/g, ' ').trim(), max);
  const out: string[] = [];
  let last = 0;
  // Two code spans side by side would merge their backticks into one longer run: keep a space.
  const push = (piece: string): void => {
    const prev = out[out.length - 1] ?? '';
    out.push(prev.endsWith('`') && !prev.endsWith('\\`') && piece.startsWith('`') ? ` ${piece}` : piece);
  };
  for (const s of codeSpans(t)) {
    push(escapeText(t.slice(last, s.start)));
    push(codeSpan(t.slice(s.start + s.ticks, s.end - s.ticks).trim(), Infinity));
    last = s.end;
  }
  push(escapeText(t.slice(last)));
  return leading(out.join(''));
}

/**
 * Code spans as CommonMark finds them: a run of n backticks up to the next run of exactly n.
 * One pass over the runs: the regex this replaces (`(`+)(.+?)(?<!`)\1(?!`)`) took time of
 * the fourth degree in the length of a line full of backticks.
 */
function codeSpans(t: string): { start: number; end: number; ticks: number }[] {
  const runs: { at: number; n: number }[] = [];
  for (let i = 0; i < t.length;) {
    if (t[i] !== '`') {
      i++;
      continue;
    }
    let j = i;
    while (t[j] === '`') j++;
    runs.push({ at: i, n: j - i });
    i = j;
  }
  // The next run of each length, found from the end backwards: linear in the number of runs.
  const nextSame = new Array<number>(runs.length).fill(-1);
  const seen = new Map<number, number>();
  for (let k = runs.length - 1; k >= 0; k--) {
    nextSame[k] = seen.get(runs[k]!.n) ?? -1;
    seen.set(runs[k]!.n, k);
  }
  const spans: { start: number; end: number; ticks: number }[] = [];
  for (let k = 0; k < runs.length; k++) {
    const close = nextSame[k]!;
    if (close < 0) continue;
    const open = runs[k]!;
    spans.push({ start: open.at, end: runs[close]!.at + open.n, ticks: open.n });
    k = close;
  }
  return spans;
}

function longestRun(text: string, ch: string): number {
  let best = 0;
  let cur = 0;
  for (const c of text) {
    cur = c === ch ? cur + 1 : 0;
    if (cur > best) best = cur;
  }
  return best;
}

/** A code span; the delimiter is longer than any backtick run inside, so text cannot close it. */
export function codeSpan(text: string, max = 200): string {
  let t = cut(clean(text).replace(/\s+/g, ' ').trim(), max);
  t = t.replace(/<!--/g, `<${ZWJ}!--`);
  if (t === '') return '` `';
  const fence = '`'.repeat(longestRun(t, '`') + 1);
  const pad = t.startsWith('`') || t.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${t}${pad}${fence}`;
}

/**
 * A fenced code block; the fence is longer than any backtick run in the text, so a log line
 * holding ``` cannot end it. Mentions and refs are inert inside; `<!--` is still broken.
 */
export function codeBlock(text: string, lang = '', maxLines = 40): string {
  let body0 = clean(text);
  let end = body0.length;
  while (end > 0 && body0[end - 1] === '\n') end--;
  body0 = body0.slice(0, end);
  let lines = body0.split('\n');
  if (lines.length > maxLines) {
    const more = lines.length - maxLines;
    lines = [...lines.slice(0, maxLines), `… ${more} more line${more === 1 ? '' : 's'}`];
  }
  const body = lines.join('\n').replace(/<!--/g, `<${ZWJ}!--`);
  const fence = '`'.repeat(Math.max(3, longestRun(body, '`') + 1));
  const info = lang.replace(/[^\w+-]/g, '');
  return `${fence}${info}\n${body}\n${fence}`;
}

/**
 * A URL we may link to: http(s), on the expected server (github.com or the GHES host), with
 * parentheses and spaces encoded so it cannot end the link early. Null when it does not qualify.
 */
export function safeUrl(url: string, serverUrl = 'https://github.com'): string | null {
  let u: URL;
  let server: URL;
  try {
    u = new URL(url);
    server = new URL(serverUrl);
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
  if (u.origin !== server.origin || u.username || u.password) return null;
  return u.href.replace(/[()|]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `[text](url)` with neutralised text; plain text when the URL is not one we trust. */
export function link(text: string, url: string, serverUrl = 'https://github.com'): string {
  const label = inline(text) || 'link';
  const href = safeUrl(url, serverUrl);
  return href ? `[${label}](${href})` : label;
}

/** Collapsible block; the summary is escaped, the body is trusted Markdown built by the caller. */
export function details(summary: string, body: string, open = false): string {
  return `<details${open ? ' open' : ''}><summary>${summary}</summary>\n\n${body.trim()}\n\n</details>`;
}

/** A Markdown table of cells already made safe by `cell()`/`link()` (both escape `|` and newlines). */
export function table(headers: string[], rows: string[][], align: ('l' | 'r')[] = []): string {
  const sep = headers.map((_, i) => (align[i] === 'r' ? '---:' : '---'));
  const line = (cells: string[]): string => `| ${cells.map((c) => c.replace(/\n/g, ' ') || ' ').join(' | ')} |`;
  return [line(headers), line(sep), ...rows.map(line)].join('\n');
}

/** "1 run", "3 runs". */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? word : many}`;
}
