/**
 * audit-ci outside Actions: the same audit, Markdown to stdout (or a file), JSON report,
 * dry run unless --write-issue, progress on stderr. --save-history records the collected
 * data; --from-history replays it offline (no token, no network).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { audit, consoleLogger } from './audit.js';
import { folderStore, type CacheStore } from './collect/cache-store.js';
import { createClient } from './collect/client.js';
import { INPUT_DEFAULTS, InputError, readSettings, type InputName } from './inputs.js';
import { openFindings } from './report.js';
import type { History } from './types.js';

export const USAGE = `Usage: audit-ci [options]

Audit a repository's recent CI runs for anomalies and print the report.

  --repo OWNER/NAME       repository to audit (default: $GITHUB_REPOSITORY)
  --window N|SPAN         run count (50) or time span (36h, 7d)       [default: 50]
  --workflows LIST        workflow file names or names, comma separated
  --branches LIST         branches, comma separated
  --config FILE           rules file (local path)         [default: .github/audit-ci.yml if present]
  --max-logs N|auto       most job logs downloaded                    [default: auto]
  --cache-dir DIR         run cache: what was read once is not read again
                          [default: $AUDIT_CI_CACHE_DIR, else ~/.cache/audit-ci/OWNER_NAME]
  --no-cache              read everything again
  --markdown FILE         write the Markdown report here instead of stdout
  --json FILE             write the JSON report here
  --save-history FILE     save the collected data, to replay it later
  --from-history FILE     audit saved data offline (no token, no network)
  --issue-body FILE       write the tracking issue's body here (also on a dry run)
  --write-issue           create or update the tracking issue (default: dry run)
  --issue-title TITLE     [default: CI audit]
  --issue-label LABEL     [default: ci-audit]
  --api-url URL           API base URL (default: $GITHUB_API_URL or https://api.github.com)
  --now ISO-TIME          audit as of this time (reproducible replays)
  --verbose               debug output on stderr
  -h, --help              this help

The token comes from $GITHUB_TOKEN or $GH_TOKEN (needed unless --from-history).`;

const OPTIONS = {
  repo: { type: 'string' },
  window: { type: 'string' },
  workflows: { type: 'string' },
  branches: { type: 'string' },
  config: { type: 'string' },
  'max-logs': { type: 'string' },
  'cache-dir': { type: 'string' },
  'no-cache': { type: 'boolean' },
  markdown: { type: 'string' },
  json: { type: 'string' },
  'save-history': { type: 'string' },
  'from-history': { type: 'string' },
  'issue-body': { type: 'string' },
  now: { type: 'string' },
  'write-issue': { type: 'boolean' },
  'issue-title': { type: 'string' },
  'issue-label': { type: 'string' },
  'api-url': { type: 'string' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function readHistory(file: string): History {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new InputError(`--from-history: cannot read ${file}: ${(e as Error).message}`);
  }
  const h = data as Partial<History>;
  if (h?.schemaVersion !== 1 || !Array.isArray(h.runs) || typeof h.repository !== 'string') {
    throw new InputError(`--from-history: ${file} is not an audit-ci history (schemaVersion 1)`);
  }
  return h as History;
}

function parseNow(raw: string | undefined): Date | undefined {
  if (raw === undefined) return undefined;
  const d = new Date(raw);
  if (Number.isNaN(d.getTime())) throw new InputError(`--now must be an ISO time, got "${raw}"`);
  return d;
}

/** The CLI's run cache: a folder (completed runs never change, so a second audit reads only what is new). */
export function cliCacheStore(
  repository: string,
  v: { 'cache-dir'?: string | undefined; 'no-cache'?: boolean | undefined },
  env: NodeJS.ProcessEnv,
): CacheStore | null {
  if (v['no-cache'] || env.AUDIT_CI_CACHE_DIR === 'off') return null;
  const explicit = v['cache-dir'] ?? env.AUDIT_CI_CACHE_DIR;
  if (explicit) return folderStore(path.resolve(explicit));
  const home = env.XDG_CACHE_HOME || (env.HOME ? path.join(env.HOME, '.cache') : null);
  return home ? folderStore(path.join(home, 'audit-ci', repository.replace(/[^A-Za-z0-9._-]/g, '_'))) : null;
}

function writeOut(file: string, text: string): void {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  writeFileSync(file, text);
}

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { values: v } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: false });
  if (v.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const history = v['from-history'] ? readHistory(v['from-history']) : undefined;
  const token = env.GITHUB_TOKEN || env.GH_TOKEN || '';
  if (!history && !token) throw new InputError('Set GITHUB_TOKEN or GH_TOKEN (or use --from-history FILE)');
  if (v['write-issue'] && !token) throw new InputError('--write-issue needs GITHUB_TOKEN or GH_TOKEN');

  const given: Partial<Record<InputName, string | undefined>> = {
    token: token || 'offline',
    repository: v.repo ?? history?.repository ?? env.GITHUB_REPOSITORY,
    window: v.window ?? history?.window.requested,
    workflows: v.workflows,
    branches: v.branches,
    config: v.config,
    issue: v['write-issue'] ? 'true' : 'false',
    'issue-title': v['issue-title'],
    'issue-label': v['issue-label'],
    'max-logs': v['max-logs'],
    'report-path': v.json ?? path.join(env.TMPDIR || '/tmp', 'audit-ci', 'report.json'),
  };
  const settings = readSettings((n) => given[n] ?? INPUT_DEFAULTS[n], env);
  const log = consoleLogger(process.stderr, Boolean(v.verbose));
  const baseUrl = v['api-url'] || env.GITHUB_API_URL || 'https://api.github.com';
  const client = token ? createClient({ token, baseUrl, budget: 900, reserve: 25, log: log.debug }) : undefined;

  const result = await audit({
    settings,
    client: history && !v['write-issue'] ? undefined : client,
    history,
    configText: v.config ? readFileSync(v.config, 'utf8') : history ? null : undefined,
    serverUrl: history?.serverUrl ?? env.GITHUB_SERVER_URL ?? 'https://github.com',
    workspace: process.cwd(),
    now: parseNow(v.now),
    renderIssueBody: Boolean(v['issue-body']),
    ...(history ? {} : { cacheStore: cliCacheStore(`${settings.owner}/${settings.repo}`, v, env) }),
    log,
  });

  if (v['save-history']) writeOut(v['save-history'], `${JSON.stringify(result.history, null, 1)}\n`);
  if (v.json) writeOut(v.json, `${JSON.stringify(result.report, null, 2)}\n`);
  if (v['issue-body'] && result.issueBody !== null) writeOut(v['issue-body'], result.issueBody);
  if (v.markdown) writeOut(v.markdown, result.summary);
  else process.stdout.write(`${result.summary}\n`);

  const open = openFindings(result.report);
  log.info(
    `${open.length} open findings in ${result.report.sample.runs} runs` +
      (result.issue ? `; issue ${result.issue.url} (${result.issue.action})` : ''),
  );
  return 0;
}

/** Entry point for the bin: exit 1 with a one-line message on bad input, 2 on anything else. */
export function cli(): void {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      const err = e as Error & { code?: string };
      const usage =
        err instanceof InputError || err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || err.name === 'ConfigError';
      process.stderr.write(`audit-ci: ${err.message}\n${usage ? 'Run audit-ci --help for usage.\n' : ''}`);
      process.exitCode = usage ? 1 : 2;
    },
  );
}
