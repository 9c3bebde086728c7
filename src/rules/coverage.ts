/**
 * Coverage on passing runs, from the tools' own lines (config-stack-patterns.ts): an upload that
 * fails (Codecov, Coveralls), coverage.py collecting no data, a coverage file not found; each
 * needs `coverage.minRuns` passing runs of a job (one failed upload is a hiccup).
 * And a `coverageMismatch` log match (default: a delivery diagnostic's output line
 * `  MISMATCH: N <units> delivered junit but not .coverage`) in a job's log digest means the
 * coverage data of that run was dropped. One finding per workflow + job.
 * Logs are expensive: the rule asks for the latest few test jobs of each kind at low priority,
 * and for the others only below every other rule, so they fill what `max-logs` leaves over.
 */
import type { z } from 'zod';
import { count, section } from '../config-fields.js';
import type { Config } from '../config-types.js';
import { DEFAULT_PATTERNS } from '../config-stack-patterns.js';
import { findingId } from '../findings.js';
import type { Finding, History, Job, LogMatch, LogRequest, Rule, Run } from '../types.js';
import {
  branchLabel,
  clip,
  frequency,
  ignoredBy,
  latestJobs,
  occurrence,
  occurrences,
  plural,
  stepOf,
  workflowKey,
} from './util.js';
import { LOG_PRIORITY } from './log-priority.js';
import { append } from '../util/append.js';

/** This rule's section of the rules file (`coverage:`). */
const CONFIG = section({
  minRuns: count(2).describe(
    'A failed coverage upload, "no data" or a missing coverage file on passing runs of a job: at least this many runs.',
  ),
});

declare module '../config-types.js' {
  interface RuleSections {
    coverage: z.output<typeof CONFIG>;
  }
}

const KEY = 'coverageMismatch';
const TEST_JOB = /cover|test|pytest|jest|spec/i;
/** Logs per workflow + job asked for at low priority: enough to see a pattern without spending the log budget. */
const PER_JOB = 3;

interface Hit {
  run: Run;
  job: Job;
  match: LogMatch;
}

function looksLikeTestJob(job: Job): boolean {
  return TEST_JOB.test(job.name) || job.steps.some((s) => TEST_JOB.test(s.name));
}

/** Completed test jobs (latest attempts), newest first, per workflow + job name. */
function candidates(history: History): Map<string, { job: Job; branch: string }[]> {
  const out = new Map<string, { job: Job; branch: string }[]>();
  const runs = [...history.runs].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  for (const run of runs) {
    for (const job of latestJobs(run)) {
      if (job.status !== 'completed' || job.conclusion === 'skipped' || job.conclusion === 'cancelled') continue;
      if (!looksLikeTestJob(job)) continue;
      const key = `${workflowKey(run)}\u0000${job.name}`;
      append(out, key, { job, branch: branchLabel(run) });
    }
  }
  return out;
}

/** Newest first, but one per branch per round: a sample across branches sees more than the newest runs of one. */
function spreadAcrossBranches(list: { job: Job; branch: string }[]): Job[] {
  const byBranch = new Map<string, Job[]>();
  for (const { job, branch } of list) append(byBranch, branch, job);
  const out: Job[] = [];
  for (let round = 0; out.length < list.length; round++) {
    for (const jobs of byBranch.values()) if (jobs[round]) out.push(jobs[round]!);
  }
  return out;
}

/** Indices 0..n-1 in an order whose every prefix is spread evenly: 0, n/2, n/4, 3n/4, … */
export function spreadOrder(n: number): number[] {
  const out: number[] = [];
  const seen = new Set<number>();
  for (let step = n; out.length < n; step = Math.max(1, step / 2)) {
    for (let x = 0; x < n; x += step) {
      const i = Math.floor(x);
      if (!seen.has(i)) {
        seen.add(i);
        out.push(i);
      }
    }
  }
  return out;
}

function roundRobin<T>(lists: T[][]): T[] {
  const out: T[] = [];
  const longest = Math.max(0, ...lists.map((l) => l.length));
  for (let i = 0; i < longest; i++) for (const l of lists) if (l[i] !== undefined) out.push(l[i]!);
  return out;
}

/**
 * Is this match about coverage? With the default pattern the line or its section must still name
 * coverage (the real line does: `.coverage`).
 * A pattern the user wrote for their own diagnostic is trusted as it is.
 */
function aboutCoverage(config: Config): (m: LogMatch) => boolean {
  const own = JSON.stringify(config.logs.patterns[KEY]) !== JSON.stringify(DEFAULT_PATTERNS[KEY]);
  return (m) => own || /\bcov|coverage|lcov|codecov/i.test(`${m.line} ${m.section ?? ''}`);
}

function hits(history: History, keep: (m: LogMatch) => boolean): Hit[] {
  const out: Hit[] = [];
  for (const run of history.runs) {
    for (const job of latestJobs(run)) {
      const digest = history.logs[String(job.id)];
      const matches = digest?.matches.filter((m) => m.key === KEY && keep(m)) ?? [];
      if (matches.length === 0) continue;
      out.push({ run, job, match: matches[0]! });
    }
  }
  return out;
}

/** Runs that ran this job (its latest attempt not skipped): the runs that could show the finding. */
function ranJob(history: History, workflowPath: string, name: string): number {
  return history.runs.filter(
    (r) => r.workflowPath === workflowPath && latestJobs(r).some((j) => j.name === name && j.conclusion !== 'skipped'),
  ).length;
}

function toFinding(history: History, list: Hit[]): Finding {
  const { run, job } = list[0]!;
  const occ = list.map((h) => occurrence(h.run, h.job.url, h.match.at ?? h.job.completedAt, clip(h.match.line, 120)));
  const freq = frequency(history, occ);
  const logsRead = history.runs.filter((r) =>
    latestJobs(r).some((j) => j.name === job.name && r.workflowPath === run.workflowPath && history.logs[String(j.id)]),
  ).length;
  const lines = [...new Set(list.map((h) => h.match.line.trim()))];
  return {
    id: findingId('coverage', workflowKey(run), job.name),
    category: 'coverage',
    severity: 'medium',
    kind: 'infra',
    title: `Coverage data dropped in ${run.name} / ${job.name}`,
    subject: { workflow: run.name, job: job.name },
    detail:
      `The coverage-delivery diagnostic reports a mismatch (dropped coverage data) in ${plural(freq.runs, 'run')}` +
      ` of the ${plural(logsRead, 'log')} read for this job: ${lines
        .slice(0, 2)
        .map((l) => `"${clip(l, 300)}"`)
        .join('; ')}` +
      // The step as the UI names it: the log's group title of a `run:` step is its script's first line.
      (stepOf(job, list[0]!.match) ? ` (in "${stepOf(job, list[0]!.match)}")` : '') +
      '.',
    frequency: { ...freq, logsRead, eligible: ranJob(history, run.workflowPath, job.name) },
    occurrences: occurrences(occ),
    matchTerms: ['coverage', job.name, clip(lines[0]!, 120)],
  };
}

const KINDS: Record<string, { title: string; why: string }> = {
  coverageUploadFailed: {
    title: 'Coverage upload fails',
    why: 'the coverage upload failed although the job passed, so the service has no report for these commits',
  },
  coverageNoData: {
    title: 'Coverage collected no data',
    why: 'coverage.py collected no data (the tests ran without coverage measuring them: check `--cov` / `source` and that the tests run in the measured process)',
  },
  coverageFileMissing: {
    title: 'Coverage file not found',
    why: 'the coverage uploader found no coverage file (the report is written elsewhere or not at all: check the path it is given)',
  },
};

/** Findings of the tools' own failure lines, on passing runs only: a failed job explains a missing report. */
function toolFindings(history: History, config: Config, ignored: (line: string) => boolean): Finding[] {
  const out: Finding[] = [];
  for (const [key, kind] of Object.entries(KINDS)) {
    const byJob = new Map<string, Hit[]>();
    for (const run of history.runs) {
      for (const job of latestJobs(run)) {
        if (job.conclusion !== 'success') continue;
        const matches = history.logs[String(job.id)]?.matches ?? [];
        const m = matches.find((x) => x.key === key && !ignored(x.line));
        // An upload that fails because there was no file or no data is that one cause, reported as such.
        const explained =
          key === 'coverageUploadFailed' &&
          matches.some((x) => x.key === 'coverageFileMissing' || x.key === 'coverageNoData');
        if (!m || explained) continue;
        const k = `${workflowKey(run)}\u0000${job.name}`;
        append(byJob, k, { run, job, match: m });
      }
    }
    for (const list of byJob.values()) {
      if (new Set(list.map((h) => h.run.id)).size < config.coverage.minRuns) continue;
      const f = toFinding(history, list);
      const step = stepOf(list[0]!.job, list[0]!.match);
      out.push({
        ...f,
        id: findingId('coverage', key, workflowKey(list[0]!.run), list[0]!.job.name),
        title: `${kind.title} in ${list[0]!.run.name} / ${list[0]!.job.name} (${plural(f.frequency.runs, 'passing run')})`,
        detail:
          `In ${plural(f.frequency.runs, 'passing run')} of the ${plural(f.frequency.logsRead ?? list.length, 'log')} read, ${kind.why}: ` +
          `"${clip(list[0]!.match.line.trim(), 300)}"${step ? ` (in "${step}")` : ''}.`,
      });
    }
  }
  return out;
}

export const coverageRule: Rule = {
  name: 'coverage',
  category: 'coverage',
  config: { section: 'coverage', schema: CONFIG },
  wantsLogs(history) {
    const out: LogRequest[] = [];
    const rest: Job[][] = [];
    for (const list of candidates(history).values()) {
      const first = spreadAcrossBranches(list).slice(0, PER_JOB);
      first.forEach((job, n) => out.push({ jobId: job.id, reason: 'coverage', priority: LOG_PRIORITY.coverage - n }));
      const older = list.map((x) => x.job).filter((j) => !first.includes(j));
      rest.push(spreadOrder(older.length).map((i) => older[i]!));
    }
    // A mismatch in a few older runs escapes the newest samples: the rest, evenly spread over
    // the window and across jobs, only fills room left in `max-logs` (priorities in (0, 1)).
    const leftover = roundRobin(rest);
    leftover.forEach((job, k) =>
      out.push({ jobId: job.id, reason: 'coverage', priority: LOG_PRIORITY.fillIn - (k + 1) / (leftover.length + 1) }),
    );
    return out;
  },
  run(history, config) {
    const ignored = ignoredBy(config);
    const about = aboutCoverage(config);
    const byJob = new Map<string, Hit[]>();
    for (const h of hits(history, (m) => !ignored(m.line) && about(m))) {
      const key = `${workflowKey(h.run)}\u0000${h.job.name}`;
      append(byJob, key, h);
    }
    return [...[...byJob.values()].map((list) => toFinding(history, list)), ...toolFindings(history, config, ignored)];
  },
};
