/**
 * Warnings: `warning` annotations on jobs and on other check runs, also on passing runs,
 * grouped by a normalised message so the same warning groups across runs. A deprecation
 * that names actions becomes one finding per action: each is fixed by its own bump.
 */
import type { z } from 'zod';
import { count, patterns, section } from '../config-fields.js';
import type { Config } from '../config-types.js';
import { compilePatterns } from '../parse/patterns.js';
import { findingId } from '../findings.js';
import type { Annotation, Finding, History, Occurrence, Rule, Run } from '../types.js';
import {
  actionRefs,
  clip,
  frequency,
  ignoredBy,
  latestJobs,
  normalizeMessage,
  occurrence,
  occurrences,
  plural,
  runForCheckRun,
  workflowKey,
} from './util.js';
import { append } from '../util/append.js';

/** This rule's section of the rules file (`warnings:`). */
const CONFIG = section({
  minRuns: count(1).describe('Report a warning only when seen in at least this many runs.'),
  ignore: patterns([]).describe('Extra warning messages (regex) to ignore.'),
});

declare module '../config-types.js' {
  interface RuleSections {
    warnings: z.output<typeof CONFIG>;
  }
}

interface Seen {
  run: Run;
  url: string;
  at: string;
  /** "CI / test", or the check run's name */
  where: string;
  workflow: string;
  /** `workflowKey`: what ids and groups use. */
  key: string;
  job: string;
  /** file:line when the annotation points into the repository */
  file: string | null;
}

interface Group {
  key: string;
  action: string | null;
  example: string;
  seen: Seen[];
}

/** Annotations of level warning and where they were seen, latest attempt of every run. */
function sightings(history: History): { a: Annotation; s: Seen }[] {
  const out: { a: Annotation; s: Seen }[] = [];
  for (const run of history.runs) {
    for (const job of latestJobs(run)) {
      const base = { run, url: job.url, at: job.completedAt ?? job.startedAt ?? run.createdAt };
      for (const a of job.annotations) {
        if (a.level !== 'warning') continue;
        out.push({
          a,
          s: {
            ...base,
            where: `${run.name} / ${job.name}`,
            workflow: run.name,
            key: workflowKey(run),
            job: job.name,
            file: fileOf(a),
          },
        });
      }
    }
  }
  for (const cr of history.checkRuns) {
    const warnings = cr.annotations.filter((a) => a.level === 'warning');
    const run = warnings.length > 0 ? runForCheckRun(history, cr) : null;
    if (!run) continue;
    const at = cr.completedAt ?? cr.startedAt ?? run.createdAt;
    for (const a of warnings) {
      out.push({
        a,
        s: {
          run,
          url: cr.url,
          at,
          where: cr.name,
          workflow: run.name,
          key: workflowKey(run),
          job: cr.name,
          file: fileOf(a),
        },
      });
    }
  }
  return out;
}

function fileOf(a: Annotation): string | null {
  // `.github` is where GitHub files runner-level warnings: not a place in the code.
  if (!a.path || a.path === '.github') return null;
  return a.startLine ? `${a.path}:${a.startLine}` : a.path;
}

/** Group keys of one message: one per named action for deprecations, else the message itself. */
function keysOf(message: string): { key: string; action: string | null }[] {
  const template = normalizeMessage(message);
  const refs = /deprecat|node\.?js \d+ actions|no longer supported|will be removed/i.test(message)
    ? actionRefs(message)
    : [];
  if (refs.length === 0) return [{ key: template, action: null }];
  let generic = template;
  for (const r of refs) generic = generic.split(r).join('<action>');
  generic = generic.replace(/<action>(?:\s*(?:,|and)\s*<action>)+/g, '<action>');
  return refs.map((r) => ({ key: `${generic}\u0000${r}`, action: r }));
}

function group(history: History, config: Config): Group[] {
  const ignored = ignoredBy(config, config.warnings.ignore);
  const groups = new Map<string, Group>();
  for (const { a, s } of sightings(history)) {
    const message = a.message.trim();
    if (!message || ignored(message) || (a.title && ignored(a.title))) continue;
    for (const { key, action } of keysOf(message)) {
      const g = groups.get(key) ?? { key, action, example: message, seen: [] };
      g.seen.push(s);
      groups.set(key, g);
    }
  }
  return [...groups.values()];
}

function tally(names: string[]): string {
  const counts = new Map<string, number>();
  for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 5)
    .map(([n, c]) => `${n} (${c})`)
    .join(', ');
}

/** The first sentence names a warning; the rest is advice and links. */
function firstSentence(message: string): string {
  return message.split('\n')[0]!.split(/(?<=[.!?])\s+(?=[A-Z])/)[0]!;
}

/**
 * A coverage upload that fails is also a warning annotation (codecov-action v4 `core.warning`):
 * one cause, one finding, so the warning of one job folds into that job's coverage finding when
 * the coverage rule reports it (its `coverageUploadFailed` patterns name the message).
 */
function coverageCause(g: Group, re: ReturnType<typeof compilePatterns>): string | null {
  const jobs = new Set(g.seen.map((s) => `${s.run.workflowPath || s.run.name}\u0000${s.job}`));
  if (!re || jobs.size !== 1 || !re.test(g.example)) return null;
  const s = g.seen[0]!;
  return findingId('coverage', 'coverageUploadFailed', s.run.workflowPath || s.run.name, s.job);
}

function toFinding(history: History, g: Group, cause: string | null = null): Finding {
  const occ: Occurrence[] = g.seen.map((s) => occurrence(s.run, s.url, s.at, s.where));
  const freq = frequency(history, occ);
  const workflows = new Set(g.seen.map((s) => s.workflow));
  const jobs = new Set(g.seen.map((s) => s.job));
  const files = [...new Set(g.seen.map((s) => s.file).filter((f): f is string => f !== null))];
  const first = firstSentence(g.example);
  const passing = new Set(g.seen.filter((s) => s.run.conclusion === 'success').map((s) => s.run.id)).size;
  const detail = [
    `"${clip(g.example, 400)}"`,
    `Seen in ${plural(freq.runs, 'run')} of ${freq.of} (${plural(freq.branches, 'branch')})${passing > 0 ? `, ${passing} of them passing` : ''}; on ${tally(g.seen.map((s) => s.where))}.`,
    files.length > 0 ? `Points at ${files.slice(0, 5).join(', ')}.` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return {
    id: findingId('warning', g.action ?? '', g.key),
    category: 'warning',
    severity: freq.runs >= 3 && freq.runs >= 0.25 * freq.of ? 'medium' : 'low',
    kind: 'hygiene',
    title: g.action ? `Deprecation warning for ${g.action}: ${clip(first, 100)}` : `Warning: ${clip(first, 140)}`,
    subject: {
      ...(workflows.size === 1 ? { workflow: [...workflows][0]! } : {}),
      ...(jobs.size === 1 ? { job: [...jobs][0]! } : {}),
      ...(g.action ? { action: g.action } : {}),
    },
    detail,
    ...(cause ? { causedBy: cause } : {}),
    frequency: freq,
    occurrences: occurrences(occ),
    // A bump PR names the action without its old ref ("Bump actions/checkout from 4 to 5").
    matchTerms: g.action
      ? [g.action, g.action.split('@', 1)[0]!]
      : [clip(first, 120), ...files.map((f) => f.replace(/:\d+$/, ''))],
  };
}

/** More distinct code warnings (pointing at files) in one job than this are one backlog finding, not many. */
const MAX_CODE_GROUPS = 5;

/** Split off the jobs whose many lint/compiler warnings would flood the report. */
function foldCodeWarnings(groups: Group[]): { rest: Group[]; backlogs: Group[][] } {
  const byJob = new Map<string, Group[]>();
  const rest: Group[] = [];
  for (const g of groups) {
    const jobs = new Set(g.seen.map((s) => `${s.key}\u0000${s.job}`));
    if (g.action || jobs.size !== 1 || g.seen.some((s) => s.file === null)) rest.push(g);
    else append(byJob, [...jobs][0]!, g);
  }
  const backlogs: Group[][] = [];
  for (const list of byJob.values()) {
    if (list.length > MAX_CODE_GROUPS) backlogs.push(list);
    else rest.push(...list);
  }
  return { rest, backlogs };
}

function backlogFinding(history: History, list: Group[]): Finding {
  const seen = list.flatMap((g) => g.seen);
  const { workflow, key, job } = seen[0]!;
  const occ = seen.map((s) => occurrence(s.run, s.url, s.at, s.where));
  const freq = frequency(history, occ);
  const files = new Set(seen.map((s) => s.file!.replace(/:\d+$/, '')));
  const top = [...list].sort((a, b) => b.seen.length - a.seen.length || a.key.localeCompare(b.key)).slice(0, 5);
  return {
    id: findingId('warning', 'code warnings', key, job),
    category: 'warning',
    severity: 'low',
    kind: 'hygiene',
    title: `${list.length} distinct code warnings in ${workflow} / ${job}`,
    subject: { workflow, job },
    detail:
      `${list.length} distinct warnings pointing at ${plural(files.size, 'file')}, in ${plural(freq.runs, 'run')} of ${freq.of}; ` +
      `most seen: ${top.map((g) => `"${clip(firstSentence(g.example), 120)}" (${g.seen.length})`).join('; ')}.`,
    frequency: freq,
    occurrences: occurrences(occ),
    // Nothing in a backlog is precise enough to say one PR fixes it.
    matchTerms: [],
  };
}

export const warningsRule: Rule = {
  name: 'warnings',
  category: 'warning',
  config: { section: 'warnings', schema: CONFIG },
  run(history, config) {
    const kept = group(history, config).filter(
      (g) => new Set(g.seen.map((s) => s.run.id)).size >= Math.max(1, config.warnings.minRuns),
    );
    const { rest, backlogs } = foldCodeWarnings(kept);
    const upload = compilePatterns(config.logs.patterns.coverageUploadFailed ?? []);
    return [
      ...rest.map((g) => toFinding(history, g, coverageCause(g, upload))),
      ...backlogs.map((list) => backlogFinding(history, list)),
    ];
  },
};
