/**
 * Other anomalies with a clear signal: jobs waiting long for a runner, jobs that hit their
 * timeout, runners lost mid-job, startup failures (never normal) and cancellations that recur (a run
 * cancelled because a newer push superseded it is concurrency working as intended), and
 * audit blind spots: active workflows with no run in the sample.
 */
import type { z } from 'zod';
import { amount, names, section } from '../config-fields.js';
import type { Config } from '../config-types.js';
import { compilePatterns } from '../parse/patterns.js';
import { findingId, formatDuration, median, timeLost } from '../findings.js';
import type { Finding, History, Job, Kind, LogRequest, Occurrence, Run, Rule, Severity, Subject } from '../types.js';
import { blindSpotFindings } from './blind-spots.js';
import { clip, frequency, latestJobs, occurrence, occurrences, plural, workflowKey } from './util.js';
import { LOG_PRIORITY } from './log-priority.js';
import { append } from '../util/append.js';

/** This rule's section of the rules file (`other:`). */
const CONFIG = section({
  queueMinutes: amount(10).describe(
    'Median queue time (minutes) above which jobs are reported as waiting for runners.',
  ),
  expectedUnsampled: names([]).describe(
    'Workflows (names or file names) expected to run only on some branches: never blind spots.',
  ),
});

declare module '../config-types.js' {
  interface RuleSections {
    other: z.output<typeof CONFIG>;
  }
}

/** A configured pattern list as a test (`logs.patterns.timeout`, `runnerLost`): annotations are read with the same. */
function matcher(config: Config, key: string): (text: string) => boolean {
  const m = compilePatterns(config.logs.patterns[key] ?? []);
  return (text) => m?.test(text) ?? false;
}

interface Hit {
  run: Run;
  job: Job;
  note: string;
}

function make(
  history: History,
  id: string[],
  f: { severity: Severity; kind: Kind; title: string; subject: Subject; detail: string; terms: string[] },
  occ: Occurrence[],
): Finding {
  return {
    id: findingId('other', ...id),
    category: 'other',
    severity: f.severity,
    kind: f.kind,
    title: f.title,
    subject: f.subject,
    detail: f.detail,
    frequency: frequency(history, occ),
    occurrences: occurrences(occ),
    matchTerms: f.terms,
  };
}

function byJob(hits: Hit[]): Map<string, Hit[]> {
  const out = new Map<string, Hit[]>();
  for (const h of hits) {
    const key = `${workflowKey(h.run)}\u0000${h.job.name}`;
    append(out, key, h);
  }
  return out;
}

/** Seconds a job waited for a runner. A job created after its run's first jobs was created when
 * its `needs:` were met, so it waited from then. A job created with the run may also have waited
 * for `needs:`: count only from the last of its run's jobs that finished before it started (a
 * lower bound, so never an over-claim). */
export function queued(run: Run, job: Job): number | null {
  if (!job.startedAt) return null;
  const start = Date.parse(job.startedAt);
  const created = Date.parse(job.createdAt);
  const attempt = run.jobs.filter((o) => o.runAttempt === job.runAttempt && o.id !== job.id);
  const first = Math.min(created, ...attempt.map((o) => Date.parse(o.createdAt)).filter(Number.isFinite));
  let ready = created;
  if (created - first <= 30_000) {
    for (const other of attempt) {
      const done = Date.parse(other.completedAt ?? '');
      if (done <= start) ready = Math.max(ready, done);
    }
  }
  const s = (start - ready) / 1000;
  return Number.isFinite(s) ? Math.max(0, s) : null;
}

function queueFindings(history: History, config: Config): Finding[] {
  const waits = new Map<string, { hit: Hit; s: number }[]>();
  for (const run of history.runs) {
    for (const job of latestJobs(run)) {
      const s = job.conclusion === 'skipped' ? null : queued(run, job);
      if (s === null) continue;
      const key = `${workflowKey(run)}\u0000${job.name}`;
      append(waits, key, { hit: { run, job, note: `queued ${formatDuration(s)}` }, s });
    }
  }
  const out: Finding[] = [];
  for (const list of waits.values()) {
    const med = median(list.map((w) => w.s));
    if (list.length < 3 || med <= config.other.queueMinutes * 60) continue;
    const { run, job } = list[0]!.hit;
    const known = list.find((w) => w.hit.job.labels.length > 0)?.hit.job.labels ?? [];
    const pool = known.length > 0 ? `with labels [${known.join(', ')}]` : 'for its `runs-on` labels';
    const slow = list.filter((w) => w.s > config.other.queueMinutes * 60);
    const occ = slow.map((w) => occurrence(w.hit.run, w.hit.job.url, w.hit.job.createdAt, w.hit.note));
    // Waiting for a runner is time lost to whoever waits on the run, if not CI minutes.
    const lost = timeLost(
      history.window,
      slow.reduce((n, w) => n + w.s, 0),
    );
    const f = make(
      history,
      ['queue', workflowKey(run), job.name],
      {
        severity: med > config.other.queueMinutes * 180 ? 'high' : 'medium',
        kind: 'infra',
        title: `${run.name} / ${job.name} waits ${formatDuration(med)} for a runner (median)`,
        subject: { workflow: run.name, job: job.name },
        detail:
          `${run.name} / ${job.name} waited a median ${formatDuration(med)} between being queued and starting, over ` +
          `${plural(list.length, 'run')} (${slow.length} above ${config.other.queueMinutes}m). No runner ` +
          `${pool} was free: the pool is too small or busy (or a deployment environment awaits approval).`,
        terms: [...known, job.name],
      },
      occ,
    );
    out.push(lost ? { ...f, timeLost: lost } : f);
  }
  return out;
}

/**
 * Jobs that hit their timeout, by GitHub's annotation or log line (`logs.patterns.timeout`). A log
 * match is tested again: a history digested under older or other patterns may hold lines the
 * configured ones no longer take.
 */
function timeoutHits(history: History, config: Config): Hit[] {
  const isTimeout = matcher(config, 'timeout');
  const hits: Hit[] = [];
  for (const run of history.runs) {
    for (const job of latestJobs(run)) {
      const msg =
        job.annotations.find((a) => isTimeout(a.message))?.message ??
        history.logs[String(job.id)]?.matches.find((m) => m.key === 'timeout' && isTimeout(m.line))?.line;
      if (msg || job.conclusion === 'timed_out') hits.push({ run, job, note: clip(msg ?? 'timed out', 100) });
    }
  }
  return hits;
}

/** The step a timeout or runner loss cut short: one not completed, or the last that failed. */
function cutStep(job: Job): string | undefined {
  const open = job.steps.find((s) => s.status !== 'completed' && s.startedAt);
  const bad = [...job.steps].reverse().find((s) => s.conclusion && !['success', 'skipped'].includes(s.conclusion));
  return (open ?? bad)?.name;
}

function timeoutFindings(history: History, config: Config): Finding[] {
  const out: Finding[] = [];
  for (const hits of byJob(timeoutHits(history, config)).values()) {
    const { run, job, note } = hits[hits.length - 1]!;
    const step = cutStep(job);
    const occ = hits.map((h) => occurrence(h.run, h.job.url, h.job.completedAt, h.note));
    out.push(
      make(
        history,
        ['timeout', workflowKey(run), job.name],
        {
          severity: hits.length >= 2 ? 'medium' : 'low',
          kind: 'infra',
          title: `${run.name} / ${job.name} hit its timeout in ${plural(hits.length, 'run')}`,
          subject: { workflow: run.name, job: job.name, ...(step ? { step } : {}) },
          detail:
            `${run.name} / ${job.name} was stopped by its time limit (\`${note}\`)` +
            (step ? `, in step "${step}"` : '') +
            ': a hang or a job that outgrew its `timeout-minutes`. Its results were lost either way.',
          terms: [job.name, ...(step ? [step] : []), 'timeout-minutes'],
        },
        occ,
      ),
    );
  }
  return out;
}

function runnerLostFindings(history: History, config: Config): Finding[] {
  const isLost = matcher(config, 'runnerLost');
  const hits: Hit[] = [];
  for (const run of history.runs) {
    for (const job of run.jobs) {
      const msg =
        job.annotations.find((a) => isLost(a.message))?.message ??
        history.logs[String(job.id)]?.matches.find((m) => m.key === 'runnerLost')?.line;
      if (msg) hits.push({ run, job, note: clip(msg, 100) });
    }
  }
  const out: Finding[] = [];
  for (const list of byJob(hits).values()) {
    const { run, job, note } = list[list.length - 1]!;
    const occ = list.map((h) => occurrence(h.run, h.job.url, h.job.completedAt, h.note));
    const runner = job.runnerName ? ` (last on runner ${job.runnerName})` : '';
    out.push(
      make(
        history,
        ['runner-lost', workflowKey(run), job.name],
        {
          severity: list.length >= 3 ? 'high' : 'medium',
          kind: 'infra',
          title: `${run.name} / ${job.name} lost its runner in ${plural(new Set(list.map((h) => h.run.id)).size, 'run')}`,
          subject: { workflow: run.name, job: job.name },
          detail:
            `The runner of ${run.name} / ${job.name} went away mid-job${runner}: \`${note}\`. Not a test failure: ` +
            'the machine ran out of memory or disk, was preempted, or lost its connection.',
          terms: [job.name, clip(note, 60)],
        },
        occ,
      ),
    );
  }
  return out;
}

function runOcc(run: Run, note: string): Occurrence {
  return occurrence(run, run.url, run.createdAt, note);
}

/** Startup failures, and cancellations no newer run of the same branch and workflow explains. */
function runEndFindings(history: History, config: Config): Finding[] {
  const startup = new Map<string, Run[]>();
  const cancelled = new Map<string, Run[]>();
  const timedOut = new Set(timeoutHits(history, config).map((h) => h.run.id));
  for (const run of history.runs) {
    const key = workflowKey(run);
    if (run.conclusion === 'startup_failure') append(startup, key, run);
    if (run.conclusion !== 'cancelled' || timedOut.has(run.id)) continue;
    const superseded = history.runs.some(
      (r) => r.workflowId === run.workflowId && r.branch === run.branch && r.createdAt > run.createdAt,
    );
    if (!superseded) append(cancelled, key, run);
  }
  const out: Finding[] = [];
  // Never a normal outcome (unlike a superseded cancellation): even one is worth a look.
  for (const runs of startup.values()) {
    const run = runs[0]!;
    out.push(
      make(
        history,
        ['startup-failure', workflowKey(run)],
        {
          severity: runs.length >= 2 ? 'medium' : 'low',
          kind: 'hygiene',
          title: `${run.name} failed to start in ${plural(runs.length, 'run')}`,
          subject: { workflow: run.name },
          detail:
            `${plural(runs.length, 'run')} of ${run.name} (${run.workflowPath}) ended in startup_failure, latest on ` +
            `${run.branch}: GitHub could not ` +
            'start the workflow at all (an invalid workflow file, a disallowed or missing action, a reusable workflow ' +
            'it cannot read). The run page shows the exact error.',
          terms: [run.workflowPath, run.name].filter(Boolean),
        },
        runs.map((r) => runOcc(r, 'startup_failure')),
      ),
    );
  }
  for (const runs of cancelled.values()) {
    if (runs.length < 2) continue;
    const run = runs[0]!;
    out.push(
      make(
        history,
        ['cancelled', workflowKey(run)],
        {
          severity: 'low',
          kind: 'infra',
          title: `${run.name} was cancelled in ${plural(runs.length, 'run')} no newer run replaced`,
          subject: { workflow: run.name },
          detail:
            `${plural(runs.length, 'run')} of ${run.name} were cancelled with no newer run of the same branch after ` +
            'them, so concurrency (a newer push) does not explain them: someone or something stops these runs ' +
            'before they finish, and their results are lost.',
          terms: [run.workflowPath, run.name].filter(Boolean),
        },
        runs.map((r) => runOcc(r, `cancelled on ${r.branch}`)),
      ),
    );
  }
  return out;
}

/** Jobs that failed with no failed step, or timed out: their logs say whether the runner was lost. */
function unexplainedEnds(history: History): LogRequest[] {
  const out: LogRequest[] = [];
  for (const run of history.runs) {
    for (const job of latestJobs(run)) {
      const failedStep = job.steps.some((s) => s.conclusion === 'failure');
      if ((job.conclusion === 'failure' && !failedStep) || job.conclusion === 'timed_out') {
        out.push({ jobId: job.id, reason: 'other', priority: LOG_PRIORITY.unexplainedEnd });
      }
    }
  }
  return out.slice(0, 5);
}

export const otherRule: Rule = {
  name: 'other',
  category: 'other',
  config: { section: 'other', schema: CONFIG },
  wantsLogs: unexplainedEnds,
  run(history: History, config: Config): Finding[] {
    return [
      ...queueFindings(history, config),
      ...timeoutFindings(history, config),
      ...runnerLostFindings(history, config),
      ...runEndFindings(history, config),
      ...blindSpotFindings(history, config),
    ];
  },
};
