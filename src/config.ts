/**
 * The rules file (`config` input, default `.github/audit-ci.yml`).
 *
 * Every threshold and pattern lives here with a built-in default, so a repository
 * with no file gets a sensible audit. A user file is merged over the defaults key by
 * key; an unknown key, a wrong type or a regex that does not compile fails with a
 * message naming the key.
 */
import { parse as parseYaml } from 'yaml';
import { CACHE_PATTERNS, COVERAGE_PATTERNS, DOCKER_PATTERNS } from './config-stack-patterns.js';
import { compilePatterns, patternProblem, type Matcher } from './parse/patterns.js';

export interface Config {
  /** Lines (regex, case-insensitive) that are known-benign: never a log match, noise line or warning. */
  ignore: string[];
  testReports: {
    /** Check-run names read as test reports (any supported reporter). Empty: each reporter is detected by its format. */
    names: string[];
  };
  warnings: {
    /** Report a warning only when seen in at least this many runs. */
    minRuns: number;
    /** Extra warning messages (regex) to ignore. */
    ignore: string[];
  };
  imageRebuild: {
    /** A finding needs rebuilds in at least this share of the runs that build images… */
    minShare: number;
    /** …and at least this many runs. Occasional rebuilds (cache eviction) are expected. */
    minRuns: number;
    /** Images are expected to be evicted after this many hours: a branch rebuilding later is not a repeat. */
    evictionHours: number;
    /** Step names (regex) of steps that build images or set up test hosts. */
    steps: string[];
  };
  caches: {
    /** A cache (actions/cache, setup-*) is reported when it missed in at least this share of the logs that show it… */
    minShare: number;
    /** …and in at least this many runs, with no hit at all. Occasional misses (eviction, a new lockfile) are expected. */
    minRuns: number;
  };
  dockerLayers: {
    /** A Dockerfile step rebuilt (not `CACHED`) with unchanged inputs in at least this share of the builds read… */
    minShare: number;
    /** …and at least this many builds. */
    minRuns: number;
  };
  coverage: {
    /** A failed coverage upload, "no data" or a missing coverage file on passing runs of a job: at least this many runs. */
    minRuns: number;
  };
  flaky: {
    /** Flag job-level re-runs whose earlier attempt failed on the same commit. */
    jobRetries: boolean;
  };
  slow: {
    /** A job longer than this (minutes, median over runs) is slow for any value. */
    jobMinutes: number;
    /** A step is named as the cause when it takes at least this share of the job. */
    stepShare: number;
    /** A single test longer than this (seconds) dominates its job. */
    testSeconds: number;
    /** …or takes at least this share of its job. */
    testShare: number;
    /** Same-branch or setup-step growth by this factor counts as a regression. */
    regressionFactor: number;
    /** Steps whose names match (regex) are setup/cache steps, compared across branches. */
    setupSteps: string[];
  };
  recurringFailures: {
    /** The same signature on at least this many distinct branches is systemic. */
    minBranches: number;
    /** One branch failing the same way at least this many times is reported as its own bug. */
    minRepeatsOnBranch: number;
  };
  noise: {
    /** A normalised line repeated this many times in one job is noise. */
    minRepeats: number;
    /** …and it must recur in at least this many runs. */
    minRuns: number;
  };
  other: {
    /** Median queue time (minutes) above which jobs are reported as waiting for runners. */
    queueMinutes: number;
    /** Workflows (names or file names) expected to run only on some branches: never blind spots. */
    expectedUnsampled: string[];
  };
  logs: {
    /** Bytes read from one log; the rest is counted, not digested. */
    maxBytes: number;
    /** Matches kept per pattern key in one log digest. */
    maxMatchesPerKey: number;
    /** Pattern key -> regexes (case-insensitive). Keys are read by rules. */
    patterns: Record<string, string[]>;
  };
  budget: {
    /** Most REST requests + GraphQL points one audit may spend. */
    maxRequests: number;
    /** Requests kept back for publishing (issue search, update, pin). */
    reserve: number;
  };
}

export const DEFAULT_CONFIG: Config = {
  ignore: [],
  testReports: { names: [] },
  warnings: { minRuns: 1, ignore: [] },
  imageRebuild: {
    minShare: 0.5,
    minRuns: 3,
    evictionHours: 48,
    // On RE2: `build.*(host|…)` is quadratic on a backtracking engine, and step names come from PR branches too.
    steps: ['\\b(image|docker|buildx|podman|build.*(host|env|container)|set ?up.*(test )?hosts?)\\b'],
  },
  caches: { minShare: 0.8, minRuns: 3 },
  dockerLayers: { minShare: 0.6, minRuns: 3 },
  coverage: { minRuns: 2 },
  flaky: { jobRetries: true },
  slow: {
    jobMinutes: 20,
    stepShare: 0.4,
    testSeconds: 120,
    testShare: 0.25,
    regressionFactor: 1.5,
    setupSteps: ['checkout', 'cache', 'setup', 'install', 'restore', 'build image', 'docker'],
  },
  recurringFailures: { minBranches: 2, minRepeatsOnBranch: 3 },
  noise: { minRepeats: 20, minRuns: 2 },
  other: { queueMinutes: 10, expectedUnsampled: [] },
  logs: {
    maxBytes: 64 * 1024 * 1024,
    maxMatchesPerKey: 20,
    patterns: {
      // offload v0.9.10 src/image_cache.rs prints these to stderr when it builds the base image.
      cacheMiss: [
        '^\\[cache\\] [\\w-]+ miss: no cached image',
        '^\\[cache\\] (?:[\\w-]+ )?thin diff failed, falling back to (?:base|full) build',
        '\\bbuilding base image\\b',
        '\\bbase image not found\\b',
      ],
      // offload's tracing WARN lines (src/image_cache.rs, wrapping src/git.rs errors) and what git
      // itself prints when a notes fetch or push fails. The generic git lines (403, host, permission)
      // count only in a line or step that names the notes (rules/image-rebuild.ts).
      notesFetchFailed: [
        'Failed to (?:fetch|push) notes: ',
        'git (?:fetch|push) notes failed: ',
        '^ ?! \\[(?:remote )?rejected\\] +refs/notes/',
        "couldn't find remote ref refs/notes/",
        '^remote: Permission to \\S+ denied to ',
        "^\\s*fatal: unable to access '[^']*': (?:The requested URL returned error: 403|Could not resolve host)",
      ],
      // A coverage-delivery diagnostic's output line (`  MISMATCH: 3 <units> delivered junit but not .coverage`), never its script.
      coverageMismatch: ['^ *MISMATCH: \\d+ [\\w.-]+ delivered '],
      ...CACHE_PATTERNS,
      ...DOCKER_PATTERNS,
      ...COVERAGE_PATTERNS,
      timeout: ['exceeded the maximum execution time', 'has timed out'],
      runnerLost: [
        'The runner has received a shutdown signal',
        'lost communication with the server',
        'The hosted runner encountered an error',
      ],
      // actions/checkout's own fetch command line; its `with:` echo (`fetch-depth: 0`) is not output.
      fullHistoryFetch: ['\\+refs/heads/\\*:refs/remotes/origin/\\*'],
      error: ['^##\\[error\\]'],
      warning: ['^##\\[warning\\]'],
      /** A test runner naming a failed test and why (pytest, go test, jest): a failed job's reason. */
      testFailure: [
        '^(FAILED|ERROR) \\S+::\\S+',
        '^\\s*--- FAIL: \\S+',
        '^\\s*● \\S.* › \\S',
        // Playwright: `  1) [chromium] › a.spec.ts:3:5 › title ───`
        '^\\s*\\d+\\) (?:\\[[^\\]]+\\] › )?\\S+:\\d+:\\d+ › \\S',
      ],
    },
  },
  budget: { maxRequests: 900, reserve: 25 },
};

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

type Plain = Record<string, unknown>;

function isPlain(v: unknown): v is Plain {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Patterns run on untrusted text, so only linear-time (RE2) ones are accepted: see parse/patterns.ts. */
function checkRegex(key: string, source: string): void {
  const problem = patternProblem(source);
  if (problem) throw new ConfigError(`config: \`${key}\`: the pattern ${problem}`);
}

function mergeArray(key: string, def: unknown[], value: unknown): string[] {
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.some((x) => typeof x !== 'string' && typeof x !== 'number')) {
    throw new ConfigError(`config: \`${key}\` must be a list of strings`);
  }
  void def;
  return list.map(String);
}

/** Merge `value` over `def`, checking keys and types against the default's shape. */
function merge(key: string, def: unknown, value: unknown, openKeys: boolean): unknown {
  if (value === null || value === undefined) return def;
  if (Array.isArray(def)) return mergeArray(key, def, value);
  if (isPlain(def)) {
    if (!isPlain(value)) throw new ConfigError(`config: \`${key || 'root'}\` must be a mapping`);
    const out: Plain = { ...def };
    for (const [k, v] of Object.entries(value)) {
      const sub = key ? `${key}.${k}` : k;
      if (k in def) out[k] = merge(sub, def[k], v, k === 'patterns');
      else if (openKeys) out[k] = mergeArray(sub, [], v);
      else {
        const known = Object.keys(def).join(', ');
        throw new ConfigError(`config: unknown key \`${sub}\` (known keys here: ${known})`);
      }
    }
    return out;
  }
  if (typeof def === 'number') {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new ConfigError(`config: \`${key}\` must be a non-negative number, got ${JSON.stringify(value)}`);
    }
    return value;
  }
  if (typeof def === 'boolean') {
    if (typeof value !== 'boolean')
      throw new ConfigError(`config: \`${key}\` must be true or false, got ${JSON.stringify(value)}`);
    return value;
  }
  if (typeof value !== 'string') throw new ConfigError(`config: \`${key}\` must be a string`);
  return value;
}

const REGEX_KEYS = ['ignore', 'warnings.ignore', 'slow.setupSteps', 'imageRebuild.steps'];

/** Validate and merge a parsed rules object over the defaults. */
export function resolveConfig(user: unknown): Config {
  if (user === null || user === undefined || user === '') return structuredClone(DEFAULT_CONFIG);
  const cfg = merge('', structuredClone(DEFAULT_CONFIG), user, false) as Config;
  for (const k of REGEX_KEYS) {
    const list = k.split('.').reduce<unknown>((o, p) => (o as Plain)[p], cfg) as string[];
    list.forEach((s) => checkRegex(k, s));
  }
  for (const [k, list] of Object.entries(cfg.logs.patterns)) list.forEach((s) => checkRegex(`logs.patterns.${k}`, s));
  for (const k of ['imageRebuild', 'caches', 'dockerLayers'] as const) {
    if (cfg[k].minShare > 1) throw new ConfigError(`config: \`${k}.minShare\` must be between 0 and 1`);
  }
  return cfg;
}

/** Parse the YAML text of a rules file. `source` names the file in messages. */
export function parseConfig(text: string, source = '.github/audit-ci.yml'): Config {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    throw new ConfigError(`config: ${source} is not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  try {
    return resolveConfig(doc);
  } catch (e) {
    if (e instanceof ConfigError) throw new ConfigError(e.message.replace(/^config:/, `config (${source}):`));
    throw e;
  }
}

/** Compile a list of regex sources into one case-insensitive, linear-time matcher (null when empty). */
export function compileAny(sources: string[]): Matcher | null {
  return compilePatterns(sources);
}
