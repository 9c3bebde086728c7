/**
 * Caches that never hit: an `actions/cache` key that can never match an earlier save (it holds
 * the run's sha, run id or a timestamp), and any cache (actions/cache, setup-node/python/go/java
 * `cache:`) that missed in most runs while its save failed every time or never ran.
 * A miss is expected now and then (eviction, a changed lockfile, a branch's first run): a finding
 * needs `caches.minRuns` misses, `caches.minShare` of the logs that show the cache, no hit at all
 * (exact or via a restore key) and a cause the logs show.
 */
import type { z } from 'zod';
import { share, count, section } from '../config-fields.js';
import type { Config } from '../config-types.js';
import { findingId } from '../findings.js';
import type { Finding, History, Job, LogDigest, LogMatch, LogRequest, Rule, Run } from '../types.js';
import {
  clip,
  frequency,
  latestJobs,
  normalizeMessage,
  occurrence,
  occurrences,
  plural,
  stepOf,
  workflowKey,
} from './util.js';
import { LOG_PRIORITY } from './log-priority.js';

/** This rule's section of the rules file (`caches:`). */
const CONFIG = section({
  minShare: share(0.8).describe(
    'A cache (actions/cache, setup-*) is reported when it missed in at least this share of the logs that show it…',
  ),
  minRuns: count(3).describe(
    '…and in at least this many runs, with no hit at all. Occasional misses (eviction, a new lockfile) are expected.',
  ),
});

declare module '../config-types.js' {
  interface RuleSections {
    caches: z.output<typeof CONFIG>;
  }
}

/** Step names of cache steps (`Run actions/cache@v4`, `Cache node modules`). */
const CACHE_STEP = /\bcache\b/i;
/** setup-* steps: whether their `cache:` input is on shows only in the log, so they are asked for last. */
const SETUP_STEP = /setup-(?:node|python|go|java)|set up (?:node|python|go|java)/i;
/** setup-* primary keys: setup-node `node-cache-…-npm-<hash>`, the others `setup-<lang>-…`. */
const SETUP_KEY: Record<string, RegExp> = {
  go: /^setup-go-/,
  java: /^setup-java-/,
  node: /^node-cache-/,
  python: /^setup-python-/,
};
const SETUP_TOOL: Record<string, string> = {
  npm: 'node',
  yarn: 'node',
  pnpm: 'node',
  pip: 'python',
  pipenv: 'python',
  poetry: 'python',
  maven: 'java',
  gradle: 'java',
  sbt: 'java',
  go: 'go',
};

interface Seen {
  run: Run;
  job: Job;
  miss?: LogMatch;
  /** The primary key of the miss (actions/cache prints it; setup-* does not). */
  key?: string;
  hit: boolean;
  saved: boolean;
  saveFailed?: LogMatch;
  truncated: boolean;
  /** The log saved some cache without naming its key (`Cache saved successfully`): it may be this one. */
  unnamedSave: boolean;
  anyFailure: boolean;
}

type Groups = Map<string, { label: string; seen: Map<number, Seen> }>;

const after = (line: string, prefix: RegExp): string => line.replace(prefix, '').trim();
/** The key a save or restore line names. */
function keyOf(line: string): string | null {
  const m = /(?:key: |with key |primary key )(\S+?)[,.]?(?:\s|$)/.exec(line);
  return m ? m[1]! : null;
}

/** A cache's identity: its key with hashes, ids and numbers masked (a sha and a lockfile hash look alike). */
const identity = (key: string): string => normalizeMessage(key);

function setupGroup(key: string): string | null {
  for (const [lang, re] of Object.entries(SETUP_KEY)) if (re.test(key)) return `setup-${lang}`;
  return null;
}

function get(groups: Groups, id: string, label: string, run: Run, job: Job, d: LogDigest): Seen {
  const g = groups.get(id) ?? { label, seen: new Map<number, Seen>() };
  groups.set(id, g);
  const unnamedSave = d.matches.some((m) => m.key === 'cacheSaved' && keyOf(m.line) === null);
  const anyFailure = (d.matchCounts.cacheSaveFailed ?? 0) > 0;
  const s = g.seen.get(run.id) ?? {
    run,
    job,
    hit: false,
    saved: false,
    truncated: d.truncated,
    unnamedSave,
    anyFailure,
  };
  g.seen.set(run.id, s);
  return s;
}

/** Everything the digests say about each cache of one workflow + job, keyed by identity. */
function observe(history: History, runs: Run[], name: string): Groups {
  const groups: Groups = new Map();
  const logs: [Run, Job, LogDigest][] = [];
  for (const run of runs) {
    const job = latestJobs(run).find((j) => j.name === name);
    const d = job && history.logs[String(job.id)];
    if (job && d) logs.push([run, job, d]);
  }
  // Misses first, so a hit or save read in another run finds the cache it belongs to.
  for (const [run, job, d] of logs) {
    for (const m of d.matches) {
      if (m.key === 'cacheNotFound') {
        const key = after(m.line, /^Cache not found for input keys: /).split(', ')[0]!;
        Object.assign(get(groups, identity(key), key, run, job, d), { miss: m, key });
      } else if (m.key === 'setupCacheMiss') {
        const tool = SETUP_TOOL[/^(\w+) cache/.exec(m.line)?.[1] ?? 'go'] ?? 'go';
        get(groups, `setup-${tool}`, `setup-${tool}`, run, job, d).miss = m;
      }
    }
  }
  for (const [run, job, d] of logs) {
    for (const m of d.matches) {
      if (m.key !== 'cacheRestored' && m.key !== 'cacheSaved' && m.key !== 'cacheSaveFailed') continue;
      const key = keyOf(m.line);
      const id = key ? (setupGroup(key) ?? identity(key)) : null;
      // A failure naming no key (`Cache save failed.`) belongs to the cache whose step printed it.
      const step = (stepOf(job, m) ?? '').toLowerCase();
      const ids =
        id !== null ? [id] : [...groups.keys()].filter((g) => step.includes(g.startsWith('setup-') ? g : 'cache'));
      for (const gid of ids) {
        const s = get(groups, gid, groups.get(gid)?.label ?? key ?? gid, run, job, d);
        if (m.key === 'cacheRestored') s.hit = true;
        else if (m.key === 'cacheSaved') s.saved = true;
        else s.saveFailed ??= m;
      }
    }
  }
  return groups;
}

/** `token` stands alone in `key`: not inside a longer hex or digit run (a lockfile hash holds any digits). */
function hasToken(key: string, token: string): boolean {
  for (let i = key.indexOf(token); i >= 0; i = key.indexOf(token, i + 1)) {
    const before = key[i - 1] ?? '-';
    const next = key[i + token.length] ?? '-';
    if (!/[0-9a-f]/i.test(before) && !/[0-9a-f]/i.test(next)) return true;
  }
  return false;
}

/** A date with a time (`2026-12-01T10-15`, `202612011015`) or a Unix time, standing alone. */
const TIMESTAMP =
  /(?:^|[^0-9a-f])(?:20\d\d-?[01]\d-?[0-3]\d[T_-]?[0-2]\d[:-]?[0-5]\d|1[6-9]\d{8}(?:\d{3})?)(?:[^0-9a-f]|$)/i;

/** Does this key hold something that differs in every run: its sha, run id or a timestamp? */
function runSpecific(key: string, run: Run): string | null {
  const sha = run.headSha ?? '';
  if (sha.length >= 7 && [sha, sha.slice(0, 12), sha.slice(0, 8), sha.slice(0, 7)].some((t) => hasToken(key, t)))
    return 'the commit sha (`github.sha`)';
  if (hasToken(key, String(run.id))) return 'the run id (`github.run_id`)';
  if (TIMESTAMP.test(key)) return 'a timestamp';
  return null;
}

/** Caches (by identity) that some job hit or saved in any log read: one job creating a cache another restores is by design. */
function usedAnywhere(history: History): { hit: Set<string>; saved: Set<string> } {
  const hit = new Set<string>();
  const saved = new Set<string>();
  for (const d of Object.values(history.logs)) {
    for (const m of d.matches) {
      if (m.key !== 'cacheRestored' && m.key !== 'cacheSaved') continue;
      const key = keyOf(m.line);
      if (key) (m.key === 'cacheRestored' ? hit : saved).add(setupGroup(key) ?? identity(key));
    }
  }
  return { hit, saved };
}

interface Verdict {
  cause: string;
  detail: string;
  evidence: Seen[];
}

function judge(config: Config, id: string, seen: Seen[], used: ReturnType<typeof usedAnywhere>): Verdict | null {
  const misses = seen.filter((s) => s.miss);
  const { minRuns, minShare } = config.caches;
  if (seen.some((s) => s.hit) || used.hit.has(id) || misses.length < minRuns || misses.length < minShare * seen.length)
    return null;
  const specific = misses.map((s) => (s.key ? runSpecific(s.key, s.run) : null));
  const keys = new Set(misses.map((s) => s.key));
  if (specific.every((x) => x !== null) && keys.size === misses.length) {
    return {
      cause: `its key contains ${specific[0]}`,
      detail:
        `The key contains ${specific[0]} (e.g. \`${clip(misses[0]!.key!, 120)}\`), so it never matches an earlier save: ` +
        'every run misses and saves a new entry, which also evicts other caches. Key it on what the cache holds ' +
        '(e.g. `hashFiles` of the lockfile), with a `restore-keys` prefix for partial hits.',
      evidence: misses,
    };
  }
  // A save that names no key may have been this cache's: then neither "fails" nor "never saved" is shown.
  if (seen.some((s) => s.unnamedSave)) return null;
  const failed = misses.filter((s) => s.saveFailed);
  if (failed.length >= minRuns && failed.length >= minShare * misses.length && !used.saved.has(id)) {
    const line = failed[failed.length - 1]!.saveFailed!.line;
    return {
      cause: 'saving it fails every time',
      detail: `Saving it failed in ${plural(failed.length, 'run')} and never succeeded (\`${clip(line, 160)}\`), so the next run has nothing to restore.`,
      evidence: failed,
    };
  }
  // The post step saves only after a successful job: count those whose whole log was read.
  // …and printed no save failure at all (a failure naming no key may be this cache's).
  const full = misses.filter((s) => s.job.conclusion === 'success' && !s.truncated && !s.anyFailure);
  if (
    full.length >= minRuns &&
    full.length >= minShare * misses.length &&
    !used.saved.has(id) &&
    !seen.some((s) => s.saved || s.saveFailed)
  ) {
    return {
      cause: 'it is never saved',
      detail:
        `None of the ${plural(full.length, 'successful run')} that missed saved it (no \`Cache saved\` line): a restore-only ` +
        'step, or a save step that does not run. Add the save (`actions/cache` or `actions/cache/save`) on the default branch.',
      evidence: full,
    };
  }
  return null;
}

function finding(history: History, label: string, name: string, v: Verdict, seen: Seen[]): Finding {
  const { run } = v.evidence[v.evidence.length - 1]!;
  const m = v.evidence[0]!.miss!;
  // The step of the job whose log holds the quoted miss: step times differ from job to job.
  const step = stepOf(v.evidence[0]!.job, m);
  // Keys that differ from run to run (a sha, a run id in them) are named by their shape
  // (`node-<hex>`): one run's key would read as the only one, and change the title every night.
  const keys = new Set(seen.map((s) => s.key).filter((k): k is string => Boolean(k)));
  const shown = keys.size > 1 ? identity(label) : label;
  const what = label.startsWith('setup-') ? `The ${label} cache` : `The cache \`${clip(shown, 80)}\``;
  const where = `${run.name} / ${name}`;
  const occ = v.evidence.map((s) =>
    occurrence(s.run, s.job.url, s.miss!.at ?? s.job.startedAt, clip(s.miss!.line, 100)),
  );
  return {
    id: findingId('other', 'cache-miss', workflowKey(run), name, identity(label)),
    category: 'other',
    severity: 'medium',
    kind: 'infra',
    title: `${what} in ${where} missed in ${v.evidence.length} of ${plural(seen.length, 'log')} read: ${v.cause}`,
    subject: { workflow: run.name, job: name, ...(step ? { step } : {}) },
    detail:
      `${what} missed in every one of ${plural(seen.length, 'log')} read for ${where} (\`${clip(m.line, 140)}\`), ` +
      `never hitting. ${v.detail}`,
    frequency: { ...frequency(history, occ), logsRead: seen.length },
    occurrences: occurrences(occ),
    matchTerms: [name, ...(step ? [step] : []), clip(label, 80), 'cache'],
  };
}

/** Workflow + job names whose logs read so far show a setup-* cache (a miss or a restore of its key). */
function setupCachesShown(history: History, runs: Run[]): Set<string> {
  const out = new Set<string>();
  for (const run of runs) {
    for (const job of latestJobs(run)) {
      const d = history.logs[String(job.id)];
      const shows = d?.matches.some(
        (m) => m.key === 'setupCacheMiss' || (m.key === 'cacheRestored' && setupGroup(keyOf(m.line) ?? '') !== null),
      );
      if (shows) out.add(`${workflowKey(run)}\u0000${job.name}`);
    }
  }
  return out;
}

export const cacheMissesRule: Rule = {
  name: 'cacheMisses',
  category: 'other',
  config: { section: 'caches', schema: CONFIG },
  wantsLogs(history: History): LogRequest[] {
    const out: LogRequest[] = [];
    const perJob = new Map<string, number>();
    const runs = [...history.runs].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    const shown = setupCachesShown(history, runs);
    for (const run of runs) {
      for (const job of latestJobs(run)) {
        if (job.conclusion === 'skipped') continue;
        const key = `${workflowKey(run)}\u0000${job.name}`;
        const cache = job.steps.some((s) => CACHE_STEP.test(s.name));
        // A setup step's `cache:` input shows only in its log: more of them once a log read for another rule shows it.
        if (!cache && !(shown.has(key) && job.steps.some((s) => SETUP_STEP.test(s.name)))) continue;
        const n = perJob.get(key) ?? 0;
        if (n >= 4) continue;
        perJob.set(key, n + 1);
        out.push({ jobId: job.id, reason: 'cache-misses', priority: LOG_PRIORITY.cacheMisses - n });
      }
    }
    return out;
  },
  run(history: History, config: Config): Finding[] {
    const byJob = new Map<string, { runs: Run[]; name: string }>();
    for (const run of history.runs) {
      for (const job of latestJobs(run)) {
        const k = `${workflowKey(run)}\u0000${job.name}`;
        const e = byJob.get(k) ?? { runs: [], name: job.name };
        e.runs.push(run);
        byJob.set(k, e);
      }
    }
    const out: Finding[] = [];
    const used = usedAnywhere(history);
    for (const { runs, name } of byJob.values()) {
      for (const [id, g] of observe(history, runs, name)) {
        const seen = [...g.seen.values()].sort((a, b) => a.run.createdAt.localeCompare(b.run.createdAt));
        const v = judge(config, id, seen, used);
        if (v) out.push(finding(history, g.label, name, v, seen));
      }
    }
    return out;
  },
};
