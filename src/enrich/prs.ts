/**
 * "Already being fixed": open PRs whose title, body or branch names a finding precisely
 * (its test name, job or step, action reference, error text). A generic word shared by
 * a title and a finding is not a match.
 */
import type { Finding, FixedBy, PullRequest } from '../types.js';
import { runtimeFix } from './runtime.js';

/**
 * Words too common in CI and PR titles to identify anything on their own. A term made only
 * of these ("Run tests", "build_image", "Set up job") never matches.
 */
const GENERIC = new Set(
  (
    'a an the and or of to in on for with from by at as is are be it this that not no all any ' +
    'fix fixes fixed fixing bump bumps update updates upgrade add adds remove use make move ' +
    'ci build builds test tests testing unit integration e2e acceptance flaky flake flakes ' +
    'run runs running job jobs step steps workflow workflows action actions check checks lint ' +
    'install setup set up cache restore save checkout image images docker container deps ' +
    'dependencies dependency python node go java ruby rust npm pip yarn upload download ' +
    'artifact artifacts coverage report reports deploy release publish error errors failed ' +
    'fail fails failure failures warning warnings timeout slow main master branch pr ' +
    // Workflow keys and runner words: shared by every job, they name none of them.
    'fetch depth minutes contents write read permissions latest ubuntu windows macos self hosted runner runners'
  ).split(' '),
);

type Source = 'test' | 'action' | 'term' | 'name';

interface Term {
  /** Lower-case, whitespace collapsed. */
  text: string;
  /**
   * Action references and file paths are matched in titles and branches only: PR bodies
   * quote changelogs (Dependabot) and list touched files, which says nothing of intent.
   */
  titleOnly: boolean;
}

const collapse = (s: string): string => s.toLowerCase().replace(/\s+/g, ' ').trim();
const words = (s: string): string[] =>
  s
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
const allGeneric = (s: string): boolean => words(s).every((w) => GENERIC.has(w) || /^\d+$/.test(w));

/**
 * Is this term precise enough to claim a PR addresses the finding?
 * - identifiers with structure (`tests/a.py::test_x`, `test_login`, `actions/checkout`,
 *   `build-docs`), at least 6 characters, not made only of generic words (test names are exempt: a test
 *   named `test_a` is as precise as its name);
 * - camelCase identifiers of at least 8 characters (`TestLoginHandler`);
 * - phrases (error text, step names) of 3+ words with 2+ non-generic words.
 * A single plain word is never enough.
 */
export function isDistinctive(term: string, source: Source = 'term'): boolean {
  const t = term.trim();
  if (t.length < 6) return false;
  if (!/\s/.test(t)) {
    if (/[-_/.@]|::/.test(t)) return source === 'test' || source === 'action' || !allGeneric(t);
    return t.length >= 8 && /[a-z][A-Z]/.test(t) && !allGeneric(t);
  }
  const ws = words(t);
  return t.length >= 12 && ws.length >= 3 && ws.filter((w) => !GENERIC.has(w) && !/^\d+$/.test(w)).length >= 2;
}

/**
 * The function name of a test id: `tests/a.py::TestX::test_y[param]` -> `test_y`,
 * `com.acme.LoginTest.testRetry` -> `testRetry`, `LoginTest > testRetry()` -> `testRetry`.
 */
export function testLeaf(test: string): string {
  const t = withoutParams(test.trim()).replace(/\(\)$/, '');
  if (/^[\w$]+(\.[\w$]+){2,}$/.test(t)) return t.slice(t.lastIndexOf('.') + 1);
  // Whitespace collapsed first: `\s+›\s+` alone is quadratic on a long run of spaces.
  const parts = t.replace(/\s+/g, ' ').split(/::| › | > |#/);
  return parts[parts.length - 1]!.trim().replace(/\(\)$/, '');
}

/** Action reference without its version: `actions/checkout@v4` -> `actions/checkout`. */
const actionName = (ref: string): string => ref.split('@', 1)[0]!.trim();

/** Rules clip long error text with `…`: match the part that is really there. */
const unclip = (t: string): string => (t.endsWith('…') ? withoutLastWord(t.slice(0, -1)) : t);

/** `/\s+\S*$/` removed, by scanning back once (the regex is quadratic on long runs of spaces). */
function withoutLastWord(t: string): string {
  let e = t.length;
  while (e > 0 && !/\s/.test(t[e - 1]!)) e--;
  if (e === 0) return t;
  while (e > 0 && /\s/.test(t[e - 1]!)) e--;
  return t.slice(0, e);
}

/** A trailing `[params]` (pytest) removed: `/\[[^\]]*\]$/` without its quadratic scan of `[[[[…`. */
function withoutParams(t: string): string {
  if (!t.endsWith(']')) return t;
  const open = t.indexOf('[', t.lastIndexOf(']', t.length - 2) + 1);
  return open >= 0 && open < t.length - 1 ? t.slice(0, open) : t;
}

const ACTION_REF = /^[\w.-]+\/[\w.-]+(@\S+)?$/;

/** `owner/name[@ref]` or a file path: says what a PR touches, not what it fixes. */
const isPathLike = (t: string): boolean => !/\s|::/.test(t) && t.includes('/');

export function termsOf(f: Finding): Term[] {
  const raw: [string | undefined, Source][] = [
    ...(f.matchTerms ?? []).map((t): [string, Source] => [
      unclip(t.trim()),
      ACTION_REF.test(t.trim()) ? 'action' : 'term',
    ]),
    [f.subject.test, 'test'],
    [f.subject.test ? testLeaf(f.subject.test) : undefined, 'test'],
    [f.subject.action ? actionName(f.subject.action) : undefined, 'action'],
    [f.subject.step, 'name'],
    [f.subject.job, 'name'],
  ];
  const seen = new Set<string>();
  const out: Term[] = [];
  for (const [t, source] of raw) {
    if (!t || !isDistinctive(t, source)) continue;
    const text = collapse(t);
    if (seen.has(text)) continue;
    seen.add(text);
    out.push({ text, titleOnly: source === 'action' || (source !== 'test' && isPathLike(text)) });
  }
  return out;
}

const WORD = /[a-z0-9_]/;
/** `-`, `.` and `/` between word characters continue a name: `actions/checkout-extra`, `test_a.py`. */
const JOINER = /[-./]/;

function glued(near: string | undefined, beyond: string | undefined, joiners: boolean): boolean {
  if (near === undefined) return false;
  if (WORD.test(near)) return true;
  return joiners && JOINER.test(near) && beyond !== undefined && WORD.test(beyond);
}

/**
 * `term` occurs in `text` (both normalised) as a whole name: no word character glued to
 * either end, and (unless `joiners` is false, for branch names) no `-`, `.` or `/` that
 * continues the name into another one.
 */
export function containsTerm(text: string, term: string, joiners = true): boolean {
  if (!term) return false;
  for (let i = text.indexOf(term); i >= 0; i = text.indexOf(term, i + 1)) {
    const end = i + term.length;
    const startOk = !WORD.test(term[0]!) || !glued(text[i - 1], text[i - 2], joiners);
    const endOk = !WORD.test(term[term.length - 1]!) || !glued(text[end], text[end + 1], joiners);
    if (startOk && endOk) return true;
  }
  return false;
}

/** Branch names write `fix/test-login`: compare with `-`, `_`, `/` and spaces as one separator. */
const branchForm = (s: string): string => collapse(s).replace(/[-_/\s]+/g, '-');

/** How a PR names a finding: in its title or body, and which terms (branch form) its branch holds. */
function addresses(pr: PullRequest, terms: Term[]): { text: boolean; branch: string[] } {
  const title = collapse(pr.title);
  const body = collapse(pr.body ?? '');
  const branch = branchForm(pr.branch);
  return {
    text: terms.some((t) => containsTerm(title, t.text) || (!t.titleOnly && containsTerm(body, t.text))),
    branch: terms.map((t) => branchForm(t.text)).filter((t) => containsTerm(branch, t, false)),
  };
}

/**
 * PRs that name each finding. A branch cannot tell a name's end from a description
 * (`fix/test-a-b` is `test_a_b`, or `test_a` and a word), so a branch that also holds a longer
 * term of another finding (`test-a-b` around `test-a`) is that finding's alone.
 */
export function matchPullRequests(findings: Finding[], prs: PullRequest[]): Finding[] {
  const terms = findings.map(termsOf);
  const fixers = terms.map((ts) => prs.map((pr) => ({ pr, how: addresses(pr, ts) })));
  return findings.map((f, i) => {
    const named = fixers[i]!.filter(({ pr, how }) => {
      if (how.text) return true;
      const longer = (t: string): boolean =>
        fixers.some(
          (other, j) =>
            j !== i && other.some((o) => o.pr === pr && o.how.branch.some((b) => b !== t && containsTerm(b, t, false))),
        );
      return how.branch.some((t) => !longer(t));
    });
    const prs = named.map(({ pr }) => pr).sort((a, b) => a.number - b.number);
    // A bump of a deprecated action is a fix only if the version it moves to has a newer runtime.
    const verdicts = prs.map((pr) => ({ pr, runtime: runtimeFix(f, pr) }));
    const fixedBy: FixedBy[] = verdicts
      .filter((v) => v.runtime?.fixes !== false)
      .map(({ pr }) => ({ number: pr.number, title: pr.title, url: pr.url }));
    const notFixedBy = verdicts
      .filter((v) => v.runtime?.fixes === false)
      .map(({ pr, runtime }) => ({ number: pr.number, title: pr.title, url: pr.url, reason: runtime!.reason }));
    const { fixedBy: _drop, notFixedBy: _dropNot, ...rest } = f;
    void _drop;
    void _dropNot;
    return { ...rest, ...(fixedBy.length ? { fixedBy } : {}), ...(notFixedBy.length ? { notFixedBy } : {}) };
  });
}
