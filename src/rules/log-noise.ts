/**
 * Log noise: the same (normalised) line printed many times in one job, in several runs of
 * that job. A line repeated hundreds of times in a passing job usually means a misconfigured
 * environment (a deprecated option, a missing locale, a retry loop) that nobody reads.
 */
import type { z } from 'zod';
import { count, section } from '../config-fields.js';
import type { Config } from '../config-types.js';
import { findingId, median } from '../findings.js';
import type { Finding, History, Job, LogRequest, Occurrence, RepeatedLine, Rule, Run } from '../types.js';
import { clip, frequency, ignoredBy, latestJobs, occurrence, occurrences, plural, workflowKey } from './util.js';
import { LOG_PRIORITY } from './log-priority.js';
import { append } from '../util/append.js';

/** This rule's section of the rules file (`noise:`). */
const CONFIG = section({
  minRepeats: count(20).describe('A normalised line repeated this many times in one job is noise.'),
  minRuns: count(2).describe('…and it must recur in at least this many runs.'),
});

declare module '../config-types.js' {
  interface RuleSections {
    noise: z.output<typeof CONFIG>;
  }
}

interface Seen {
  run: Run;
  job: Job;
  line: RepeatedLine;
}

/** Findings per workflow + job, most repeated first: enough to point at the environment. */
const MAX_PER_JOB = 5;

/** Repeated lines of every digest, grouped by workflow + job + normalised line. */
function sightings(history: History, config: Config): Map<string, Seen[]> {
  const ignored = ignoredBy(config, config.warnings.ignore);
  const out = new Map<string, Seen[]>();
  for (const run of history.runs) {
    for (const job of latestJobs(run)) {
      for (const line of history.logs[String(job.id)]?.repeated ?? []) {
        if (line.count < config.noise.minRepeats || ignored(line.example) || ignored(line.normalized)) continue;
        const key = `${workflowKey(run)}\u0000${baseName(job)}\u0000${line.normalized}`;
        append(out, key, { run, job, line });
      }
    }
  }
  return out;
}

/** A matrix job's name without its matrix values ("test (3.12, ubuntu)" -> "test"): its legs share a setup. */
function baseName(job: Job): string {
  // `/\s*\([^()]*\)$/` removed by hand: the regex is quadratic on names full of spaces.
  const n = job.name;
  const open = n.lastIndexOf('(');
  if (!n.endsWith(')') || open < 0 || n.indexOf(')', open) !== n.length - 1) return n;
  return n.slice(0, open).trimEnd() || n;
}

/** `t` without the non-space characters at its end (`/\S*$/`, which is quadratic on a long word). */
function withoutTrailingWord(t: string): string {
  let e = t.length;
  while (e > 0 && !/\s/.test(t[e - 1]!)) e--;
  return t.slice(0, e);
}

/** The longest literal part of a normalised line, in whole words: what a fix would quote. */
function literal(normalized: string): string {
  const parts = normalized.split(/(<\w+>)/);
  let best = '';
  parts.forEach((p, i) => {
    if (i % 2 === 1) return;
    // A word touching a mask ("UTF-<n>") is only part of a word: drop it.
    let t = i > 0 && !/^\s/.test(p) ? p.replace(/^\S*/, '') : p;
    t = i < parts.length - 1 && !/\s$/.test(t) ? withoutTrailingWord(t) : t;
    if (t.trim().length > best.length) best = t.trim();
  });
  return best;
}

/** Runs of the job (any matrix leg) that could show the line, and how many of them had a log read. */
function logCounts(history: History, workflow: string, name: string): { logsRead: number; eligible: number } {
  let logsRead = 0;
  let eligible = 0;
  for (const r of history.runs) {
    if (workflowKey(r) !== workflow) continue;
    const legs = latestJobs(r).filter((j) => baseName(j) === name && j.conclusion !== 'skipped');
    if (legs.length === 0) continue;
    eligible++;
    if (legs.some((j) => history.logs[String(j.id)])) logsRead++;
  }
  return { logsRead, eligible };
}

function finding(history: History, seen: Seen[]): Finding {
  const { run, job, line } = seen[0]!;
  const counts = seen.map((s) => s.line.count);
  const runs = new Set(seen.map((s) => s.run.id)).size;
  const occ: Occurrence[] = seen.map((s) => occurrence(s.run, s.job.url, s.job.startedAt, `${s.line.count} times`));
  const name = baseName(job);
  const legs = new Set(seen.map((s) => s.job.name)).size;
  const where = `${run.name} / ${name}`;
  const med = Math.round(median(counts));
  return {
    id: findingId('log-noise', workflowKey(run), name, line.normalized),
    category: 'log-noise',
    severity: med >= 500 ? 'medium' : 'low',
    kind: 'hygiene',
    title: `"${clip(line.example, 80)}" repeated ${med} times per job in ${where}`,
    subject: { workflow: run.name, job: name },
    detail:
      `${where} prints \`${clip(line.example, 200)}\` (and lines differing only in numbers or ids) ` +
      `${Math.min(...counts)} to ${Math.max(...counts)} times per job, in ${plural(runs, 'run')} whose logs were read` +
      (legs > 1 ? ` (${legs} matrix legs). ` : '. ') +
      'The same line repeated this often in one job usually means a misconfigured environment; fixing its cause ' +
      'also makes the log readable again.',
    frequency: { ...frequency(history, occ), ...logCounts(history, workflowKey(run), name) },
    occurrences: occurrences(occ),
    matchTerms: [literal(line.normalized)].filter((t) => t.length >= 8),
  };
}

export const logNoiseRule: Rule = {
  name: 'noise',
  category: 'log-noise',
  config: { section: 'noise', schema: CONFIG },
  /** Noise shows in passing jobs too: two recent logs per job, after every rule that needs logs more. */
  wantsLogs(history: History): LogRequest[] {
    const out: LogRequest[] = [];
    const perJob = new Map<string, number>();
    const runs = [...history.runs].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    for (const run of runs) {
      for (const job of latestJobs(run)) {
        const key = `${workflowKey(run)}\u0000${job.name}`;
        const n = perJob.get(key) ?? 0;
        if (n >= 2 || !job.completedAt || job.conclusion === 'skipped') continue;
        perJob.set(key, n + 1);
        out.push({ jobId: job.id, reason: 'noise', priority: LOG_PRIORITY.noise - n });
      }
    }
    return out;
  },
  run(history: History, config: Config): Finding[] {
    const byJob = new Map<string, Finding[]>();
    for (const seen of sightings(history, config).values()) {
      if (new Set(seen.map((s) => s.run.id)).size < config.noise.minRuns) continue;
      const f = finding(history, seen);
      const key = `${f.subject.workflow}\u0000${f.subject.job}`;
      append(byJob, key, f);
    }
    const out: Finding[] = [];
    for (const list of byJob.values()) {
      list.sort((a, b) => b.frequency.runs - a.frequency.runs || a.id.localeCompare(b.id));
      out.push(...list.slice(0, MAX_PER_JOB));
    }
    return out;
  },
};
