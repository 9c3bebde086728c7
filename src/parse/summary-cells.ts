/**
 * Cell and line helpers of the test-report parser. Every pattern here runs on untrusted text
 * (test ids, tracebacks): each is linear (hand-written scans where a regex would backtrack),
 * and `__tests__/summary-regex-safety.test.ts` proves the regexes safe with recheck.
 */

/** Split a Markdown table line on unescaped pipes; `\|` stays inside the cell as `|`. */
export function splitRow(line: string): string[] | null {
  const t = line.trim();
  if (!t.includes('|')) return null;
  const cells: string[] = [];
  let cur = '';
  for (let i = 0; i < t.length; i++) {
    const c = t[i]!;
    if (c === '\\' && t[i + 1] === '|') {
      cur += '|';
      i++;
    } else if (c === '|') {
      cells.push(cur);
      cur = '';
    } else cur += c;
  }
  cells.push(cur);
  if (t.startsWith('|')) cells.shift();
  if (t.endsWith('|') && !t.endsWith('\\|')) cells.pop();
  return cells.map((c) => c.trim());
}

/** `[text](url)` -> `text`, in one pass (a regex over `[[[[…` is quadratic). */
export function stripLinks(s: string): string {
  let out = '';
  let pos = 0;
  for (;;) {
    const open = s.indexOf('[', pos);
    if (open < 0) break;
    const close = s.indexOf(']', open);
    if (close < 0) break;
    if (s[close + 1] !== '(') {
      out += s.slice(pos, close + 1);
      pos = close + 1;
      continue;
    }
    const end = s.indexOf(')', close + 2);
    if (end < 0) break;
    out += s.slice(pos, open) + s.slice(open + 1, close);
    pos = end + 1;
  }
  return out + s.slice(pos);
}

/** Cell text without Markdown/HTML decoration: backticks, links, tags, bold, entities. */
export function cleanCell(cell: string): string {
  let t = stripLinks(cell.replace(/<[^<>]*>/g, ''))
    .replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, decodeEntity)
    .replace(/`/g, '');
  if (t.length >= 4 && t.startsWith('**') && t.endsWith('**')) t = t.slice(2, -2);
  return t.replace(/\s+/g, ' ').trim();
}

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  mdash: '—',
  ndash: '–',
  hellip: '…',
};

function decodeEntity(whole: string, code: string): string {
  if (code[0] !== '#') return NAMED[code.toLowerCase()] ?? whole;
  const n = code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
  return Number.isFinite(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : whole;
}

const PY_ESCAPED: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#x27;': "'" };

/** Undo Python's `html.escape` exactly (one pass: `&amp;lt;` is the text `&lt;`), nothing more. */
export function unescapePython(s: string): string {
  return s.replace(/&(?:amp|lt|gt|quot|#x27);/g, (e) => PY_ESCAPED[e]!);
}

const isSpace = (c: string | undefined): boolean => c !== undefined && c.trim() === '' && c !== '';

/** A Markdown ATX heading: level and text, or null (hand-written: the regex was cubic). */
export function heading(line: string): { level: number; text: string } | null {
  let i = 0;
  while (i < 3 && isSpace(line[i])) i++;
  let level = 0;
  while (line[i + level] === '#') level++;
  if (level < 1 || level > 6) return null;
  i += level;
  if (i < line.length && !isSpace(line[i])) return null;
  let text = line.slice(i).trim();
  // A closing run of `#` (after a space, or the whole text) is not part of the heading.
  let end = text.length;
  while (end > 0 && text[end - 1] === '#') end--;
  if (end === 0 || isSpace(text[end - 1])) text = text.slice(0, end).trim();
  return { level, text };
}

/** The text before the first whitespace run that is followed by `(`, `—`, `–` or `- `. */
export function beforeAside(s: string): string {
  for (let i = 0; i < s.length; i++) {
    if (!isSpace(s[i])) continue;
    let j = i;
    while (isSpace(s[j])) j++;
    const c = s[j];
    if (c === '(' || c === '—' || c === '–' || (c === '-' && isSpace(s[j + 1]))) return s.slice(0, i);
    i = j - 1;
  }
  return s;
}

/** `… — failure: Msg` -> `Msg` (after the first spaced dash), or null. */
export function afterDash(s: string): string | null {
  for (let i = 0; i + 1 < s.length; i++) {
    const c = s[i + 1];
    if (!isSpace(s[i]) || (c !== '—' && c !== '–' && c !== '-')) continue;
    let rest = s.slice(i + 2).trimStart();
    const kind = /^(?:failure|failed|error)/i.exec(rest);
    if (kind) rest = rest.slice(kind[0].length);
    if (rest.startsWith(':')) rest = rest.slice(1);
    rest = rest.trimStart();
    return rest === '' ? null : rest;
  }
  return null;
}

const SUFFIXES = ['Error', 'Exception', 'Failure', 'Failed', 'Exit', 'Interrupt', 'Timeout', 'Warning'];
const WORD = /^\w+$/;

/**
 * `ValueError: …`, `E   pkg.mod.CustomError` -> true: a line naming an exception. A scan, not
 * the regex it replaces (`(?:[\w.]+\.)?[A-Z]\w*(?:Error|…)\b`, polynomial on `a.a.a.…`).
 */
export function isExceptionLine(line: string): boolean {
  let t = line;
  if (t[0] === 'E' && isSpace(t[1])) t = t.slice(1).trimStart();
  let n = 0;
  while (n < t.length && (t[n] === '.' || WORD.test(t[n]!))) n++;
  if (n < t.length && t[n] !== ':') return false;
  const token = t.slice(0, n);
  const dot = token.lastIndexOf('.');
  if (dot === 0) return false;
  const name = token.slice(dot + 1);
  if (!/^[A-Z]/.test(name) || !WORD.test(name)) return false;
  return SUFFIXES.some((s) => name.length > s.length && name.endsWith(s));
}
