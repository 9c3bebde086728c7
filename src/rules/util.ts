/**
 * Small helpers shared by rules (rules A and B may both import them).
 * Everything here is pure and reads only the `History` shapes of src/types.ts.
 */
import type { Config } from '../config-types.js';
import { compilePatterns, linearRegExp } from '../parse/patterns.js';
import type { CheckRun, History, Job, LogMatch, Occurrence, Run } from '../types.js';
import { append } from '../util/append.js';

/**
 * The jobs of a run as it ended: for each job name, its latest attempt. A run is judged by
 * how it ended, not by the tries before. Per name, because "re-run failed jobs" may leave
 * the jobs that passed only in the earlier attempt.
 */
export function latestJobs(run: Run): Job[] {
  const latest = new Map<string, number>();
  for (const j of run.jobs) latest.set(j.name, Math.max(latest.get(j.name) ?? 0, j.runAttempt));
  return run.jobs.filter((j) => j.runAttempt === latest.get(j.name));
}

// On RE2: both are quadratic on a backtracking engine (a long run of `[\w.-]` without a `/`),
// and they read annotation messages, which any workflow step can print.
const ACTION_REF_ANYWHERE = linearRegExp('[\\w.-]+/[\\w.-]+(?:/[\\w./-]+)?@[\\w.-]+', 'g');
const ACTION_REFS = linearRegExp('\\b[\\w.-]+/[\\w.-]+(?:/[\\w.-]+)*@[\\w.-]*\\w', 'g');

/**
 * Mask what changes between two runs of the same message so they group together:
 * ISO timestamps, UUIDs, hex ids (7+ chars with a digit), temp paths, `file:line` line
 * numbers and bare numbers. Action refs (`actions/checkout@v3`) and runtime versions
 * (`Node.js 16`, `node20`, `Python 3.8`) are kept: they are what the message is about.
 */
export function normalizeMessage(text: string): string {
  const keep: string[] = [];
  // Kept parts wait behind private-use characters, which no later mask touches.
  const hold = (m: string): string => String.fromCharCode(0xe000 + keep.push(m) - 1);
  return text
    .replace(/[\ue000-\uefff]/g, '')
    .replace(ACTION_REF_ANYWHERE, hold)
    .replace(/\b(?:node(?:\.?js)?|python|ruby|java|go|dotnet)\s?v?\d+(?:\.\d+)*/gi, hold)
    .replace(/\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?/g, '<time>')
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<id>')
    .replace(/\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{7,}\b/gi, '<hex>')
    .replace(/(?:\/tmp|\/var\/folders|\/private\/var|[A-Z]:\\Temp|\/home\/runner\/work\/_temp)[\w./\\-]*/gi, '<tmp>')
    .replace(/\d+(?:\.\d+)*/g, '<n>')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\ue000-\uefff]/g, (c) => keep[c.charCodeAt(0) - 0xe000] ?? '');
}

/** Action refs named in a message (`owner/repo@ref`, `owner/repo/path@ref`), in order, unique. */
export function actionRefs(text: string): string[] {
  const refs = text.match(ACTION_REFS) ?? [];
  return [...new Set(refs.filter((r) => !r.includes('@users.noreply') && !/@\w+\.(com|org|io)$/.test(r)))];
}

/** True when a line matches the global `ignore` list or one of `extra` (both regex sources). */
export function ignoredBy(config: Config, extra: string[] = []): (line: string) => boolean {
  const re = compilePatterns([...config.ignore, ...extra]);
  return (line) => (re ? re.test(line) : false);
}

/**
 * The runs of each head SHA, built once per runs array: every test report asks, and a filter over
 * the window per report is quadratic (28,000 reports of a 14,000-run window: 400 million tests).
 * Keyed by the array, so a history whose runs are replaced gets a new index.
 */
const bySha = new WeakMap<Run[], Map<string, Run[]>>();
function runsBySha(history: History): Map<string, Run[]> {
  let index = bySha.get(history.runs);
  if (!index) {
    index = new Map();
    for (const r of history.runs) append(index, r.headSha, r);
    bySha.set(history.runs, index);
  }
  return index;
}

/** The workflow run a non-job check run (a test report) belongs to: same head SHA, and the
 * run whose span contains the check run's completion, else the latest one that started before it. */
export function runForCheckRun(history: History, cr: CheckRun): Run | null {
  const same = runsBySha(history).get(cr.headSha) ?? [];
  if (same.length === 0) return null;
  const at = Date.parse(cr.completedAt ?? cr.startedAt ?? '');
  if (!Number.isFinite(at)) return same.length === 1 ? same[0]! : null;
  const start = (r: Run): number => Date.parse(r.runStartedAt || r.createdAt);
  const containing = same.filter((r) => start(r) <= at && at <= Date.parse(r.updatedAt));
  const before = (containing.length > 0 ? containing : same.filter((r) => start(r) <= at)).sort(
    (a, b) => start(b) - start(a),
  );
  return before[0] ?? null;
}

/** One occurrence per run, newest first, at most `max` (frequency keeps the full count). */
export function occurrences(list: Occurrence[], max = 25): Occurrence[] {
  const seen = new Set<number>();
  const out: Occurrence[] = [];
  for (const o of [...list].sort((a, b) => b.at.localeCompare(a.at) || b.runId - a.runId)) {
    if (seen.has(o.runId)) continue;
    seen.add(o.runId);
    out.push(o);
  }
  return out.slice(0, max);
}

/** `frequency` of a finding: distinct runs and branches among the occurrences, of all runs sampled. */
export function frequency(history: History, list: Occurrence[]): { runs: number; of: number; branches: number } {
  return {
    runs: new Set(list.map((o) => o.runId)).size,
    of: history.runs.length,
    branches: new Set(list.map((o) => o.branch)).size,
  };
}

/** The branch a run is on, as GitHub labels it: `owner:branch` for a fork's branch (its `main` is not ours). */
export function branchLabel(run: Run): string {
  return run.headRepository ? `${run.headRepository.split('/')[0]}:${run.branch}` : run.branch;
}

/** An occurrence in `run`, linked to `url` (a job or check run) and timed by `at` when known. */
export function occurrence(run: Run, url: string, at?: string | null, note?: string): Occurrence {
  const o: Occurrence = { runId: run.id, url, branch: branchLabel(run), at: at || run.createdAt };
  if (note) o.note = note;
  return o;
}

/** Cut a line for a title or detail, on a character budget, at the last word boundary (mid-word only when one word is longer than the budget). */
export function clip(text: string, max = 160): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const head = t.slice(0, max - 1);
  if (t[max - 1] === ' ') return `${head.trimEnd()}…`;
  const space = head.lastIndexOf(' ');
  return `${(space > 0 ? head.slice(0, space) : head).trimEnd()}…`;
}

/** `n run(s)` in words, for titles and details. */
/**
 * The workflow as a finding's id and grouping know it: its file (`.github/workflows/ci.yml`),
 * which a rename of the workflow's `name:` leaves alone, so mutes and first-seen dates survive
 * it; the name only where the path is unknown (an old saved history). Titles show the name.
 */
export function workflowKey(run: Pick<Run, 'workflowPath' | 'name'>): string {
  return run.workflowPath || run.name;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : /(?:s|x|ch|sh)$/.test(word) ? 'es' : 's'}`;
}

/** Failure lines that explain nothing on their own. */
const GENERIC_FAILURE =
  /^(?:Process completed with exit code \d+|The (?:job|operation) was canceled|The runner has received a shutdown signal)/i;

/**
 * Lines that cannot be a job's failure reason: empty, generic ("exit code 1"), ignored, and,
 * unless `infra` is false, lost runners and timeouts (logs.patterns runnerLost/timeout).
 */
export function uninformative(config: Config, infra = true): (line: string) => boolean {
  const p = config.logs.patterns;
  const skip = ignoredBy(config, infra ? [...(p.runnerLost ?? []), ...(p.timeout ?? [])] : []);
  return (line) => !line.trim() || GENERIC_FAILURE.test(line.trim()) || skip(line);
}

/**
 * Why a job failed, in its own words: the first informative line of its failure annotations,
 * else (when `history` is given) the first informative `error` line of its log digest, else
 * the first failed test its runner named (`testFailure`: "FAILED tests/a.py::t - KeyError: k").
 */
export function failureReason(history: History | null, job: Job, skip: (line: string) => boolean): string | null {
  for (const a of job.annotations) {
    if (a.level !== 'failure') continue;
    const line = a.message.split('\n').find((l) => !skip(l));
    if (line) return line.trim();
  }
  const matches = history?.logs[String(job.id)]?.matches ?? [];
  const m =
    matches.find((x) => x.key === 'error' && !skip(x.line)) ??
    matches.find((x) => x.key === 'testFailure' && !skip(x.line));
  return m ? m.line.trim() : null;
}

/** The step (as the UI names it) that printed a log line: by time, else the log section's title. */
export function stepOf(job: Job, m: LogMatch): string | undefined {
  const at = Date.parse(m.at ?? '');
  const start = (st: Job['steps'][number]): number => Date.parse(st.startedAt ?? '');
  // Step times are whole seconds: allow a second of slack, and at a shared boundary take the step that began.
  const near = job.steps.filter((st) => at >= start(st) - 1000 && at <= Date.parse(st.completedAt ?? '') + 1000);
  const began = near.filter((st) => start(st) <= at).sort((a, b) => start(b) - start(a));
  return (began[0] ?? near[0])?.name ?? m.section ?? undefined;
}
