/**
 * A port of the seed repository's test-report generator (imbue-ai/mngr at f86dc71ad3ed,
 * `scripts/junit_test_summary.py`) and of the composite action that posts its output as a
 * check run (`.github/actions/report-flaky-aware-tests/action.yml`). Test-only: the world's
 * check runs and the parser's property test use it; `__tests__/junit-summary-port.test.ts`
 * checks it byte for byte against the real generator's outputs in
 * `__tests__/fixtures/summaries/`. Python counts code points, not UTF-16 units: so does this.
 */

export type Outcome = 'passed' | 'failed' | 'error' | 'skipped';

export interface FailureXml {
  kind: 'failure' | 'error';
  /** The element's `message` attribute ('' when absent). */
  message: string;
  /** The element's text, untrimmed. */
  body: string;
}

/** One `<testcase>` element: one attempt of a test. */
export interface Attempt {
  name: string;
  failures: FailureXml[];
  skipped?: boolean;
}

type Status = Outcome | 'flaky-recovered';

const ORDER: Record<Status, number> = { failed: 0, error: 1, 'flaky-recovered': 2, passed: 3, skipped: 4 };
const BODY_CAP = 2000;
const MESSAGE_CAP = 200;
export const DEFAULT_MAX_CHARS = 60_000;

interface Record_ {
  name: string;
  attempts: number;
  passed: number;
  failed: number;
  errors: number;
  skipped: number;
}

const cps = (s: string): string[] => [...s];
const plen = (s: string): number => cps(s).length;

/** Python's `str < str`: by code point. */
function pyCompare(a: string, b: string): number {
  const x = cps(a);
  const y = cps(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** Python's `html.escape(s)` (quote=True). */
export function htmlEscape(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#x27;');
}

/** Python's `str.splitlines()` line ends. */
// eslint-disable-next-line no-control-regex -- Python splits on these separators too
const PY_LINE_END = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/;
/** Python's `str.strip()` whitespace. */
// eslint-disable-next-line no-control-regex -- Python strips these separators too
const PY_SPACE = /^[\s\x1c-\x1f\x85]+|[\s\x1c-\x1f\x85]+$/g;

function outcome(a: Attempt): Outcome {
  if (a.failures.some((f) => f.kind === 'failure')) return 'failed';
  if (a.failures.some((f) => f.kind === 'error')) return 'error';
  return a.skipped ? 'skipped' : 'passed';
}

function finalStatus(t: Record_): Status {
  if (t.passed > 0) return t.failed > 0 || t.errors > 0 ? 'flaky-recovered' : 'passed';
  if (t.failed > 0) return 'failed';
  if (t.errors > 0) return 'error';
  return 'skipped';
}

const finalCell = (t: Record_): string =>
  finalStatus(t) === 'flaky-recovered' ? `flaked ${t.failed + t.errors}, passed ${t.passed}` : finalStatus(t);

interface Detail extends FailureXml {
  name: string;
  attempt: number;
}

function aggregate(attempts: Attempt[]): { perTest: Map<string, Record_>; details: Detail[] } {
  const perTest = new Map<string, Record_>();
  const details: Detail[] = [];
  for (const a of attempts) {
    let t = perTest.get(a.name);
    if (!t) {
      t = { name: a.name, attempts: 0, passed: 0, failed: 0, errors: 0, skipped: 0 };
      perTest.set(a.name, t);
    }
    t.attempts++;
    const o = outcome(a);
    if (o === 'passed') t.passed++;
    else if (o === 'failed') t.failed++;
    else if (o === 'error') t.errors++;
    else t.skipped++;
    for (const f of a.failures)
      details.push({ ...f, body: f.body.replace(PY_SPACE, ''), name: a.name, attempt: t.attempts });
  }
  return { perTest, details };
}

function failureBlock(f: Detail, total: number): string {
  let body = f.body;
  if (plen(body) > BODY_CAP) body = cps(body).slice(0, BODY_CAP).join('') + `\n... [truncated to ${BODY_CAP} chars]`;
  let first = f.message ? (f.message.split(PY_LINE_END)[0] ?? '') : '';
  if (plen(first) > MESSAGE_CAP) first = cps(first).slice(0, MESSAGE_CAP).join('') + '...';
  const label = total > 1 ? ` (attempt ${f.attempt}/${total})` : '';
  let summary = `<code>${htmlEscape(f.name)}</code>${label} &mdash; ${f.kind}`;
  if (first) summary += `: ${htmlEscape(first)}`;
  return `<details><summary>${summary}</summary>\n\n\`\`\`\n${body}\n\`\`\`\n\n</details>`;
}

export interface RenderOptions {
  flakyIds?: ReadonlySet<string>;
  heading?: string;
  maxChars?: number;
}

/** `_render_markdown` of the real generator. */
export function renderSummary(attempts: Attempt[], opts: RenderOptions = {}): string {
  const flaky = opts.flakyIds ?? new Set<string>();
  const maxChars = opts.maxChars ?? DEFAULT_MAX_CHARS;
  const { perTest, details } = aggregate(attempts);
  const tests = [...perTest.values()];
  const total = tests.reduce((n, t) => n + t.attempts, 0);
  const status = (t: Record_): Status => finalStatus(t);
  const header = [
    `## ${opts.heading ?? 'Test retry + flaky summary'}`,
    '',
    `- Unique tests: **${tests.length}**`,
    `- Total runs (attempts across retries): **${total}**`,
    `- Tests that ran more than once: **${tests.filter((t) => t.attempts > 1).length}**`,
    `- Tests marked \`@pytest.mark.flaky\`: **${tests.filter((t) => flaky.has(t.name)).length}**`,
    `- Flaky-recovered (failed then passed): **${tests.filter((t) => status(t) === 'flaky-recovered').length}**`,
    `- Failing (final): **${tests.filter((t) => status(t) === 'failed' || status(t) === 'error').length}**`,
    '',
  ];
  if (tests.length === 0) return [...header, '_No tests recorded in junit.xml._', ''].join('\n');
  const sorted = [...tests].sort(
    (a, b) => ORDER[status(a)] - ORDER[status(b)] || b.attempts - a.attempts || pyCompare(a.name, b.name),
  );
  const rows = sorted.map(
    (t) => `| \`${t.name}\` | ${t.attempts} | ${finalCell(t)} | ${flaky.has(t.name) ? 'yes' : 'no'} |`,
  );
  const blocks = details.map((d) => failureBlock(d, perTest.get(d.name)!.attempts));
  return assemble(header, blocks, rows, maxChars);
}

function assemble(header: string[], blocks: string[], rows: string[], maxChars: number): string {
  const stats = header.join('\n') + '\n';
  const failuresHeading = blocks.length ? '## Failures\n\n' : '';
  const tableHead = '| Test | Runs | Final | `@flaky` |\n| --- | ---: | --- | :---: |\n';
  const fixed = plen(stats) + plen(failuresHeading) + plen(tableHead);
  const size = (xs: string[], extra: number): number => xs.reduce((n, x) => n + plen(x) + extra, 0);
  const join = (xs: string[], sep: string, end: string): string => (xs.length ? xs.join(sep) + end : '');
  if (fixed + size(blocks, 2) + size(rows, 1) <= maxChars)
    return stats + failuresHeading + join(blocks, '\n\n', '\n\n') + tableHead + join(rows, '\n', '\n');
  const budget = Math.max(0, maxChars - fixed - 240);
  let used = 0;
  const keep = (xs: string[], extra: number): string[] => {
    const kept: string[] = [];
    for (const x of xs) {
      const cost = plen(x) + extra;
      if (used + cost > budget) break;
      kept.push(x);
      used += cost;
    }
    return kept;
  };
  const keptBlocks = keep(blocks, 2);
  const keptRows = keep(rows, 1);
  const notes: string[] = [];
  if (blocks.length > keptBlocks.length)
    notes.push(`${blocks.length - keptBlocks.length} failure detail block(s) omitted`);
  if (rows.length > keptRows.length) notes.push(`${rows.length - keptRows.length} additional test row(s) omitted`);
  const footer = `\n_... ${notes.join(' and ')} to keep the summary under ${maxChars} characters. See the workflow run page for the full list._\n`;
  return stats + failuresHeading + join(keptBlocks, '\n\n', '\n\n') + tableHead + join(keptRows, '\n', '\n') + footer;
}

export interface PostedCheck {
  conclusion: 'success' | 'neutral' | 'failure';
  title: string;
  summary: string;
}

/**
 * The composite action's classify + post steps: `neutral` when the test step passed but junit
 * has failures (flaky-recovered), `failure` when the step failed; the intro paragraph goes
 * first, and `$(cat file)` drops the summary's trailing newlines.
 */
export function postCheck(
  testsOutcome: 'success' | 'failure',
  attempts: Attempt[],
  opts: RenderOptions = {},
): PostedCheck {
  const hasFailures = attempts.some((a) => a.failures.length > 0);
  const [conclusion, title, intro] =
    testsOutcome === 'success' && !hasFailures
      ? (['success', 'All tests passed', ''] as const)
      : testsOutcome === 'success'
        ? ([
            'neutral',
            'Tests passed after flaky retries',
            'One or more tests failed on first attempt but passed on retry. See the workflow run summary and job logs for the failed-attempt annotations and details.',
          ] as const)
        : ([
            'failure',
            'Tests failed',
            'One or more tests failed. See the workflow run summary and job logs for per-failure annotations.',
          ] as const);
  const body = renderSummary(attempts, opts).replace(/\n+$/, '');
  const summary = intro && body ? `${intro}\n\n${body}` : body || intro;
  return { conclusion, title, summary };
}

/** XML entities and attribute-value normalisation as ElementTree applies them. */
function unxml(s: string, attribute: boolean): string {
  const t = attribute ? s.replace(/[\t\n\r]/g, ' ') : s.replace(/\r\n?/g, '\n');
  return t.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, c: string) =>
    c[0] === '#'
      ? String.fromCodePoint(c[1] === 'x' ? parseInt(c.slice(2), 16) : Number(c.slice(1)))
      : ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[c]!,
  );
}

/** The `<testcase>` elements of offload's merged junit (its layout only: test code). */
export function readJunit(xml: string): Attempt[] {
  const out: Attempt[] = [];
  for (const m of xml.matchAll(/<testcase name="([^"]*)"[^>]*?(\/>|>([\s\S]*?)<\/testcase>)/g)) {
    const failures = [...(m[3] ?? '').matchAll(/<(failure|error)(?: message="([^"]*)")?>([\s\S]*?)<\/\1>/g)].map(
      (f) => ({
        kind: f[1] as 'failure' | 'error',
        message: f[2] === undefined ? '' : unxml(f[2], true),
        body: unxml(f[3]!, false),
      }),
    );
    out.push({ name: unxml(m[1]!, true), failures });
  }
  return out;
}
