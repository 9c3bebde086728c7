/**
 * The run cache's file, one JSON value a line: a header (version, repository, ETags, what
 * earlier audits learned), then a line per run and a line per log digest. Read and written a
 * line at a time, so neither the file's text nor a second copy of it is ever whole in memory
 * (one JSON document of a 14,000-run window was a 120 MB string, parsed and stringified whole).
 * A file that is not this version, or not this repository's, reads as no file: a cold cache.
 */
import { closeSync, createReadStream, openSync, renameSync, writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { CheckRun, Job, LogDigest } from '../types.js';
import { internCheckRun, internJob, Interner } from '../util/intern.js';
import { relieveHeap } from '../memory.js';

/** The cache file in the store's folder. */
export const CACHE_FILE = 'runs.jsonl';

export interface RunEntry {
  /** `${runAttempt}:${updatedAt}` */
  key: string;
  createdAt: string;
  jobs: Job[];
  /** Non-job check runs (test reports) of the run's head commit, as seen when it was read. */
  checkRuns: CheckRun[];
}

export interface LogEntry {
  /** Hash of the config the digest was made with: patterns decide what a digest holds. */
  config: string;
  digest: LogDigest;
}

export interface EtagEntry {
  etag: string;
  /** The answer's body; for a run list page of a date slice, its `total_count` and compact runs. */
  data: unknown;
  /** Audit that last used it (for the cap: least recently used go first). */
  usedAt: string;
}

export interface CacheFile {
  version: number;
  repository: string;
  runs: Record<string, RunEntry>;
  logs: Record<string, LogEntry>;
  etags: Record<string, EtagEntry>;
  /** Jobs whose log the API answered 404 or 410 (expired, deleted, never written), with the
   * reason: such a log does not come back, so later audits report the gap without asking
   * again. Absent in files written before it existed. */
  gone?: Record<string, string>;
  /** The turn (rule and job name) whose sample got the last of the last warm audit's reads:
   * the next audit's turns start after it. Absent in files written before it existed. */
  turn?: string;
  /** Kinds of job (workflow + job name) whose logs showed a rule's evidence, with those rules:
   * their logs are read first (evidence.ts). Absent in files written before it existed. */
  evidence?: Record<string, string[]>;
}

type Header = Omit<CacheFile, 'runs' | 'logs'>;
/** A body line: a run entry or a log entry, by id. */
type Line = ['run', string, RunEntry] | ['log', string, LogEntry];

/** Lines are gathered into writes of about this many characters. */
const WRITE_CHUNK = 1 << 20;

/** Write `data` to `file` atomically (a temporary file, then a rename). */
export function writeCacheFile(file: string, data: CacheFile): void {
  const { runs, logs, ...header } = data;
  const fd = openSync(`${file}.tmp`, 'w');
  try {
    let buf = `${JSON.stringify(header)}\n`;
    const put = (line: Line) => {
      buf += `${JSON.stringify(line)}\n`;
      if (buf.length >= WRITE_CHUNK) {
        writeSync(fd, buf);
        buf = '';
        // Synchronous to the end: the heap bound's timer cannot run, and the lines are garbage now.
        relieveHeap();
      }
    };
    for (const [id, entry] of Object.entries(runs)) put(['run', id, entry]);
    for (const [id, entry] of Object.entries(logs)) put(['log', id, entry]);
    writeSync(fd, buf);
  } finally {
    closeSync(fd);
  }
  renameSync(`${file}.tmp`, file);
}

/**
 * The cache in `file`, or null when it is missing, broken, of another version or another
 * repository. Repeated strings of the runs' jobs and check runs are shared as they are read.
 */
export async function readCacheFile(file: string, version: number, repository: string): Promise<CacheFile | null> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  const words = new Interner();
  let data: CacheFile | null = null;
  try {
    for await (const text of lines) {
      if (data === null) {
        const header = JSON.parse(text) as Header;
        if (header?.version !== version || header.repository !== repository) return null;
        data = { ...header, runs: {}, logs: {} };
        continue;
      }
      if (text === '') continue;
      const [kind, id, entry] = JSON.parse(text) as Line;
      if (kind === 'run') {
        entry.jobs = entry.jobs.map((job) => internJob(job, words));
        for (const c of entry.checkRuns) internCheckRun(c, words);
        data.runs[id] = entry;
      } else if (kind === 'log') data.logs[id] = entry;
    }
    return data;
  } catch {
    // Missing, unreadable or broken: cold.
    return null;
  } finally {
    lines.close();
  }
}
