/**
 * Image rebuilds: base images rebuilt (cache misses) in most runs of a job that builds them.
 * Images are evicted from caches now and then, so occasional rebuilds are expected and a
 * branch's first run may rebuild for a Dockerfile change we cannot see. A finding needs
 * frequent rebuilds AND evidence they were needless: the same branch rebuilding again, or a
 * failed fetch of the notes ref that records image ids (then every later run loses the cache).
 */
import type { z } from 'zod';
import { amount, count, patterns, share, section } from '../config-fields.js';
import type { Config } from '../config-types.js';
import { compilePatterns, memoized } from '../parse/patterns.js';
import { findingId, formatDuration, median, seconds, timeLost } from '../findings.js';
import type { Finding, History, Job, LogMatch, LogRequest, Occurrence, Rule, Run } from '../types.js';
import {
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

/** This rule's section of the rules file (`imageRebuild:`). */
const CONFIG = section({
  minShare: share(0.5).describe('A finding needs rebuilds in at least this share of the runs that build images…'),
  minRuns: count(3).describe('…and at least this many runs. Occasional rebuilds (cache eviction) are expected.'),
  evictionHours: amount(48).describe(
    'Images are expected to be evicted after this many hours: a branch rebuilding later is not a repeat.',
  ),
  steps: patterns([
    // On RE2: `build.*(host|…)` is quadratic on a backtracking engine, and step names come from PR branches too.
    '\\b(image|docker|buildx|podman|build.*(host|env|container)|set ?up.*(test )?hosts?)\\b',
  ]).describe('Step names (regex) of steps that build images or set up test hosts.'),
});

declare module '../config-types.js' {
  interface RuleSections {
    imageRebuild: z.output<typeof CONFIG>;
  }
}

/** Step names of jobs that build images or set up test hosts (`imageRebuild.steps`, run on RE2). */
function imageStep(config: Config): { test(name: string): boolean } {
  const m = compilePatterns(config.imageRebuild.steps);
  // Asked of every step of every run: step names repeat.
  return m ? memoized(m) : { test: () => false };
}

interface Sample {
  run: Run;
  job: Job;
  misses: LogMatch[];
  notes: LogMatch[];
}

function buildsImages(history: History, job: Job, config: Config): boolean {
  if (job.steps.some((s) => imageStep(config).test(s.name))) return true;
  const d = history.logs[String(job.id)];
  return Boolean(d && ((d.matchCounts.cacheMiss ?? 0) > 0 || (d.matchCounts.imageBuild ?? 0) > 0));
}

/**
 * A failed fetch or push of the notes: every `notesFetchFailed` line, and git's own failure lines
 * (`gitRemoteFailed`: `fatal: unable to access …: 403`, `remote: Permission to … denied`) in a
 * line or step naming the notes, since those say nothing of what was fetched. A history digested
 * before the two keys were split keeps git's lines under `notesFetchFailed`: they are still
 * known by the configured `gitRemoteFailed` patterns.
 */
function notesFailures(config: Config): (m: LogMatch) => boolean {
  const generic = compilePatterns(config.logs.patterns.gitRemoteFailed ?? []);
  const aboutNotes = (m: LogMatch): boolean => /notes/i.test(`${m.line} ${m.section ?? ''}`);
  return (m) =>
    (m.key === 'notesFetchFailed' && !generic?.test(m.line)) ||
    ((m.key === 'notesFetchFailed' || m.key === 'gitRemoteFailed') && aboutNotes(m));
}

/** Jobs whose logs were read and that build images, by workflow + job name, oldest first. */
function samples(history: History, config: Config): Map<string, Sample[]> {
  const ignored = ignoredBy(config);
  const isNotes = notesFailures(config);
  const out = new Map<string, Sample[]>();
  for (const run of [...history.runs].sort((a, b) => a.createdAt.localeCompare(b.createdAt))) {
    for (const job of latestJobs(run)) {
      const d = history.logs[String(job.id)];
      if (!d || !buildsImages(history, job, config)) continue;
      const keep = (key: string): LogMatch[] => d.matches.filter((m) => m.key === key && !ignored(m.line));
      const key = `${workflowKey(run)}\u0000${job.name}`;
      const notes = d.matches.filter((m) => isNotes(m) && !ignored(m.line));
      append(out, key, { run, job, misses: keep('cacheMiss'), notes });
    }
  }
  return out;
}

/**
 * Rebuilds not explained by a change or by eviction: a branch rebuilding again less than
 * `evictionHours` after its previous rebuild, when its image should still have been cached.
 * `rebuilt` is oldest first. Samples of a warm audit span days (logs read by earlier audits
 * count), where a branch rebuilding every two days may be nothing but eviction.
 */
function repeatedOnBranch(rebuilt: Sample[], evictionHours: number): number {
  const last = new Map<string, number>();
  let again = 0;
  for (const s of rebuilt) {
    const at = Date.parse(s.run.createdAt);
    const prev = last.get(s.run.branch);
    if (prev !== undefined && at - prev < evictionHours * 3_600_000) again++;
    last.set(s.run.branch, at);
  }
  return again;
}

/** `s` without trailing characters of `chars` (`/[.:]+$/`, without its quadratic scan). */
function trimEnd(s: string, chars: string): string {
  let e = s.length;
  while (e > 0 && chars.includes(s[e - 1]!)) e--;
  return s.slice(0, e);
}

function notesRef(...lines: string[]): string | null {
  for (const line of lines) {
    const ref = trimEnd(/refs\/notes\/[\w.-][\w./-]*/.exec(line)?.[0] ?? '', '.:');
    if (ref) return ref;
  }
  return null;
}

/** offload warns "Failed to push notes" when the job may not write the ref: say push, not fetch. */
function verb(line: string): 'push' | 'fetch' {
  // git rejects a push whose remote moved on with "(fetch first)".
  return /\bpush\b|\(fetch first\)/i.test(line) ? 'push' : 'fetch';
}

/** What a fix would quote from a log line: up to the first id or hash. */
function quotable(line: string): string {
  // The first hex word with a digit, found word by word (a lookahead scan of each start is quadratic).
  const id = [...line.matchAll(/\b[0-9a-f]{7,}\b/gi)].find(
    (m) => /\d/.test(m[0]) && !line.slice(m.index).includes('\n'),
  );
  const head = (id ? line.slice(0, id.index) : line).trim();
  return clip(head.length >= 8 ? head : line, 80);
}

/** Runs whose latest attempt of this job ran a step that builds images: the runs that could show a rebuild. */
function eligibleRuns(history: History, key: string, config: Config): number {
  const image = imageStep(config);
  return history.runs.filter((run) =>
    latestJobs(run).some(
      (j) =>
        `${workflowKey(run)}\u0000${j.name}` === key &&
        j.conclusion !== 'skipped' &&
        j.steps.some((s) => image.test(s.name)),
    ),
  ).length;
}

function finding(
  history: History,
  config: Config,
  list: Sample[],
  rebuilt: Sample[],
  again: number,
  eligible: number,
): Finding {
  const { run, job } = list[list.length - 1]!;
  const notes = list.filter((s) => s.notes.length > 0);
  const example = rebuilt[rebuilt.length - 1]!.misses[0]!;
  const last = rebuilt[rebuilt.length - 1]!;
  const step = stepOf(last.job, example) ?? job.steps.find((s) => imageStep(config).test(s.name))?.name;
  const where = `${run.name} / ${job.name}`;
  const cost = median(
    rebuilt.map((s) => {
      const st = s.job.steps.find((x) => x.name === step);
      return seconds(st?.startedAt, st?.completedAt) ?? 0;
    }),
  );
  const occ: Occurrence[] = rebuilt.map((s) =>
    occurrence(s.run, s.job.url, s.misses[0]!.at ?? s.job.startedAt, clip(s.misses[0]!.line, 80)),
  );
  const share = `${rebuilt.length} of the ${plural(list.length, 'log')} read`;
  const of = eligible > list.length ? `, of ${plural(eligible, 'run')} that built the image` : '';
  let detail =
    `${where} rebuilt its base image in ${share}${of} (\`${clip(example.line, 140)}\`` +
    (cost > 0 ? `; "${step}" takes a median ${formatDuration(cost)} in those runs` : '') +
    '). ';
  const terms = [job.name, ...(step ? [step] : []), quotable(example.line)];
  if (notes.length > 0) {
    const failed = notes[notes.length - 1]!;
    const line = failed.notes[0]!.line;
    const ref = notesRef(line, example.line);
    const fetchStep = stepOf(failed.job, failed.notes[0]!);
    if (fetchStep) terms.push(fetchStep);
    detail +=
      `The ${verb(line)} of the notes ref that records image ids failed in ${plural(notes.length, 'run')} ` +
      `(\`${clip(line, 140)}\`): without the notes every later run loses the image cache and rebuilds. ` +
      'Check the job can read and push that ref (`permissions: contents: write`) and that its `git fetch` of ' +
      `${ref ?? 'refs/notes/*'} succeeds.`;
    terms.push(ref ?? 'refs/notes', 'contents: write');
  } else {
    detail +=
      `${plural(again, 'rebuild')} came on a branch that had already rebuilt less than ` +
      `${config.imageRebuild.evictionHours} h before, so no image change explains them; ` +
      'occasional rebuilds (cache eviction) are expected, this many are not. Check that the image cache key is stable.';
  }
  return {
    id: findingId('image-rebuild', workflowKey(run), job.name),
    category: 'image-rebuild',
    severity: notes.length > 0 ? 'high' : 'medium',
    kind: 'infra',
    title:
      notes.length > 0
        ? `${where} rebuilt its base image in ${share}: the image-id notes ${verb(notes[notes.length - 1]!.notes[0]!.line)} fails`
        : `${where} rebuilt its base image in ${share}`,
    subject: { workflow: run.name, job: job.name, ...(step ? { step } : {}) },
    detail,
    frequency: { ...frequency(history, occ), logsRead: list.length, eligible: Math.max(eligible, list.length) },
    ...(cost > 0 ? { timeLost: timeLost(history.window, cost * rebuilt.length) } : {}),
    occurrences: occurrences(occ),
    matchTerms: [...new Set(terms)],
  };
}

/** Latest runs of jobs that took much longer than their usual: a rebuild is one likely reason. */
function slowerThanUsual(history: History): LogRequest[] {
  const byJob = new Map<string, { id: number; s: number; at: string }[]>();
  for (const run of history.runs) {
    for (const job of latestJobs(run)) {
      const s = seconds(job.startedAt, job.completedAt);
      const key = `${workflowKey(run)}\u0000${job.name}`;
      if (s !== null) append(byJob, key, { id: job.id, s, at: run.createdAt });
    }
  }
  const out: LogRequest[] = [];
  for (const list of byJob.values()) {
    const usual = median(list.map((j) => j.s));
    const latest = list.sort((a, b) => b.at.localeCompare(a.at))[0]!;
    if (list.length >= 3 && latest.s > usual * 1.5 && latest.s - usual > 60) {
      out.push({ jobId: latest.id, reason: 'image-rebuild', priority: LOG_PRIORITY.slowerThanUsual });
    }
  }
  return out;
}

export const imageRebuildRule: Rule = {
  name: 'imageRebuild',
  category: 'image-rebuild',
  config: { section: 'imageRebuild', schema: CONFIG },
  wantsLogs(history: History, config: Config): LogRequest[] {
    const out: LogRequest[] = slowerThanUsual(history);
    const image = imageStep(config);
    const perJob = new Map<string, number>();
    const runs = [...history.runs].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    for (const run of runs) {
      for (const job of latestJobs(run)) {
        if (!job.steps.some((s) => image.test(s.name)) || job.conclusion === 'skipped') continue;
        const key = `${workflowKey(run)}\u0000${job.name}`;
        const n = perJob.get(key) ?? 0;
        // Enough runs to judge a share, newest first, without spending every log on one job.
        if (n >= 6) continue;
        perJob.set(key, n + 1);
        out.push({ jobId: job.id, reason: 'image-rebuild', priority: LOG_PRIORITY.imageBuilds - n });
      }
    }
    return out;
  },
  run(history: History, config: Config): Finding[] {
    const out: Finding[] = [];
    for (const [key, list] of samples(history, config)) {
      const rebuilt = list.filter((s) => s.misses.length > 0);
      const { minRuns, minShare } = config.imageRebuild;
      if (rebuilt.length < minRuns || rebuilt.length < minShare * list.length) continue;
      const again = repeatedOnBranch(rebuilt, config.imageRebuild.evictionHours);
      const notes = list.some((s) => s.notes.length > 0);
      // Without a visible cause, at least half the rebuilds must be on a branch that already had its image.
      if (!notes && (again === 0 || again < rebuilt.length / 2)) continue;
      out.push(finding(history, config, list, rebuilt, again, eligibleRuns(history, key, config)));
    }
    return out;
  },
};
