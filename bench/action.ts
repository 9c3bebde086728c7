/**
 * Runs the bundled action (`node dist/index.js`) as the runner does: inputs as INPUT_*
 * variables, GITHUB_* files, and the run cache in a folder kept between the cold and the
 * warm audit (AUDIT_CI_CACHE_DIR; on a runner it would be @actions/cache). Peak RSS comes
 * from `/usr/bin/time -v` when present, else from polling /proc/<pid>/status (VmHWM).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runnerEnv, runnerFiles } from '../test/e2e/runner-env.js';

/** The repository: the nearest folder above this (compiled) file holding action.yml, else the cwd. */
function findRoot(from: string): string {
  for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'action.yml'))) return dir;
  }
  return process.cwd();
}
export const ROOT = process.env.AUDIT_CI_ROOT ?? findRoot(import.meta.dirname);
const TIME = '/usr/bin/time';

export interface ActionResult {
  code: number | null;
  wallMs: number;
  peakRssMb: number | null;
  /** User + system CPU seconds of the action (from /usr/bin/time; null without it). */
  cpuS: number | null;
  stderr: string;
  stdout: string;
  report: {
    sample?: { runs: number; logsRead: number; apiRequests: number };
    window?: { listed?: number };
    findings?: { id: string; title: string; category?: string }[];
  } | null;
}

export interface ActionOptions {
  apiUrl: string;
  repository: string;
  token: string;
  cacheDir: string;
  inputs: Record<string, string>;
  /** Read run details by GraphQL (default) or over REST only. */
  graphql?: boolean;
  /** The action's clock (ISO): a span window ends at the synthetic repository's now, not the machine's. */
  now?: string;
}

function pollRss(pid: number, into: { kb: number }): NodeJS.Timeout {
  return setInterval(() => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) into.kb = Math.max(into.kb, Number(m[1]));
    } catch {
      // The process has exited.
    }
  }, 20);
}

export async function runBundledAction(o: ActionOptions): Promise<ActionResult> {
  const files = runnerFiles('audit-ci-bench-');
  const { dir, workspace } = files;
  const reportPath = path.join(dir, 'report.json');
  const inputs: Record<string, string> = {
    token: o.token,
    repository: o.repository,
    'report-path': reportPath,
    config: '.github/audit-ci.yml',
    'issue-title': 'CI audit',
    'issue-label': 'ci-audit',
    ...o.inputs,
  };
  const env = runnerEnv({
    apiUrl: o.apiUrl,
    repository: o.repository,
    files,
    inputs,
    extra: {
      AUDIT_CI_CACHE_DIR: o.cacheDir,
      // GraphQL details are the default; `--rest` measures the REST collector.
      ...(o.graphql === false ? { AUDIT_CI_GRAPHQL: 'false' } : {}),
      ...(o.now ? { AUDIT_CI_BENCH_NOW: o.now } : {}),
    },
  });
  // Another build of the action (e.g. an older commit's dist/) for a before/after comparison.
  const dist = process.env.AUDIT_CI_BENCH_DIST ?? path.join(ROOT, 'dist', 'index.js');
  const useTime = existsSync(TIME);
  // For profiling, e.g. AUDIT_CI_BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof".
  const nodeArgs = (process.env.AUDIT_CI_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  if (o.now) nodeArgs.push('--import', pathToFileURL(path.join(ROOT, 'bench', 'clock.mjs')).href);
  const started = Date.now();
  const child = useTime
    ? spawn(TIME, ['-v', process.execPath, ...nodeArgs, dist], { env, cwd: workspace })
    : spawn(process.execPath, [...nodeArgs, dist], { env, cwd: workspace });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const rss = { kb: 0 };
  const timer = useTime ? null : pollRss(child.pid!, rss);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const wallMs = Date.now() - started;
  if (timer) clearInterval(timer);
  const timed = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  const kb = timed ? Number(timed[1]) : rss.kb;
  const cpu = ['User', 'System'].map((k) => new RegExp(`${k} time \\(seconds\\): ([\\d.]+)`).exec(stderr));
  const cpuS = cpu.every(Boolean) ? cpu.reduce((n, m) => n + Number(m![1]), 0) : null;
  let report: ActionResult['report'];
  try {
    report = JSON.parse(readFileSync(reportPath, 'utf8')) as ActionResult['report'];
  } catch {
    report = null;
  }
  if (process.env.AUDIT_CI_BENCH_KEEP) {
    // Kept for reading: the action's log beside its report, summary and outputs.
    writeFileSync(path.join(dir, 'stdout.log'), stdout);
    writeFileSync(path.join(dir, 'stderr.log'), stderr);
    process.stderr.write(`bench: kept ${dir}\n`);
  } else rmSync(dir, { recursive: true, force: true });
  return { code, wallMs, peakRssMb: kb ? kb / 1024 : null, cpuS, stderr, stdout, report };
}
