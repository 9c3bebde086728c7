/**
 * audit-ci outside Actions: the same audit, Markdown to stdout (or a file), JSON report,
 * dry run unless --write-issue, progress on stderr. --save-history records the collected
 * data; --from-history replays it offline (no token, no network).
 */
import { accessSync, constants, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { audit, consoleLogger } from './audit.js';
import { folderStore, type CacheStore } from './cache/store.js';
import { createClient } from './github/client.js';
import { describeError, fsReason } from './errors.js';
import { INPUT_DEFAULTS, InputError, readSettings, type InputName } from './inputs.js';
import { narrowHistory, readHistory } from './replay.js';
import { openFindings } from './report.js';
import { VERSION } from './version.js';

/** The bin's name: not `audit-ci`, which on npm is an unrelated tool. */
export const BIN = 'ci-anomaly-audit';

export const USAGE = `Usage: ${BIN} [options]

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
  --from-history FILE     audit saved data offline (no token, no network); --window,
                          --branches and --workflows narrow it, --config applies
  --issue-body FILE       write the tracking issue's body here (also on a dry run)
  --write-issue           create or update the tracking issue (default: dry run)
  --issue-title TITLE     [default: CI audit]
  --issue-label LABEL     [default: ci-audit]
  --api-url URL           API base URL (default: $GITHUB_API_URL or https://api.github.com)
  --now ISO-TIME          audit as of this time (reproducible replays)
  --verbose               debug output on stderr
  --version               print the version
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
  version: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

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

/** Flags and the environment variable behind each input, for messages built with input names. */
const FLAG: Partial<Record<string, string>> = {
  token: 'GITHUB_TOKEN',
  repository: '--repo',
  'report-path': '--json',
  issue: '--write-issue',
};

/** A message of shared code ("Input \"window\" must be …") in the CLI's terms ("--window must be …"). */
export function cliMessage(message: string): string {
  return message.replace(/\b[Ii]nput "([a-z-]+)"/g, (_m, name: string) => FLAG[name] ?? `--${name}`);
}

/** parseArgs, with `--window -5` read as a value and its errors in one line. */
function parseFlags(argv: string[]) {
  const strings = new Set(Object.entries(OPTIONS).flatMap(([k, o]) => (o.type === 'string' ? [`--${k}`] : [])));
  const known = (a: string) => a === '-h' || a.split('=')[0]!.slice(2) in OPTIONS;
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = argv[i + 1];
    if (strings.has(a) && next?.startsWith('-') && !known(next)) {
      args.push(`${a}=${next}`);
      i++;
    } else args.push(a);
  }
  try {
    return parseArgs({ args, options: OPTIONS, allowPositionals: false }).values;
  } catch (e) {
    const m = (e as Error).message;
    const flag = /'(-[^' ]+)/.exec(m)?.[1] ?? '';
    const code = (e as { code?: string }).code;
    let what = m.split('\n')[0]!;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') what = `unknown option ${flag}`;
    else if (/does not take an argument/.test(m)) what = `${flag} takes no value`;
    else if (/argument missing/.test(m)) what = `${flag} needs a value`;
    else if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
      what = `unexpected argument ${JSON.stringify(/'(.*)'/.exec(m)?.[1] ?? '')}: every value follows its option`;
    }
    throw new InputError(`${what} (see ${BIN} --help)`);
  }
}

/** Fails before the audit (and its API requests) when an output file cannot be written. */
function checkWritable(flag: string, file: string | undefined): void {
  if (file === undefined) return;
  const full = path.resolve(file);
  try {
    mkdirSync(path.dirname(full), { recursive: true });
    accessSync(existsSync(full) ? full : path.dirname(full), constants.W_OK);
  } catch (e) {
    throw new InputError(`${flag}: cannot write ${file}: ${writeReason(e, full)}`);
  }
}

/** mkdir's "file already exists" means a parent is a file. */
function writeReason(e: unknown, full: string): string {
  const code = (e as { code?: string }).code;
  if (code !== 'EEXIST' && code !== 'ENOTDIR') return fsReason(e);
  let dir = path.dirname(full);
  while (path.dirname(dir) !== dir && !existsSync(dir)) dir = path.dirname(dir);
  return `${dir} is not a directory`;
}

function writeOut(flag: string, file: string, text: string): void {
  try {
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    writeFileSync(file, text);
  } catch (e) {
    throw new InputError(`${flag}: cannot write ${file}: ${writeReason(e, path.resolve(file))}`);
  }
}

function readRules(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(`--config: cannot read ${file}: ${fsReason(e)}`);
  }
}

/** --api-url, else $GITHUB_API_URL, else GitHub's: an http(s) URL, or a message naming where it came from. */
function apiUrl(flag: string | undefined, fromEnv: string | undefined): string {
  const [raw, source] = flag
    ? [flag, '--api-url']
    : fromEnv
      ? [fromEnv, '$GITHUB_API_URL']
      : ['https://api.github.com', ''];
  if (!/^https?:\/\/[^/\s]+/i.test(raw) || !URL.canParse(raw)) {
    throw new InputError(`${source} must be an http(s) URL such as https://api.github.com, got "${raw}"`);
  }
  return raw;
}

/** The cache folder, created now: a path that cannot be one fails before the audit, naming the flag. */
function usableStore(store: CacheStore | null, v: { 'cache-dir'?: string | undefined }): CacheStore | null {
  if (!store) return null;
  try {
    mkdirSync(store.dir, { recursive: true });
    accessSync(store.dir, constants.W_OK);
  } catch (e) {
    const flag = v['cache-dir'] !== undefined ? '--cache-dir' : '$AUDIT_CI_CACHE_DIR or the default cache folder';
    throw new InputError(`${flag}: cannot use ${store.dir}: ${writeReason(e, path.join(store.dir, 'x'))}`);
  }
  return store;
}

const OUTPUTS = ['markdown', 'json', 'save-history', 'issue-body'] as const;

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const v = parseFlags(argv);
  if (v.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (v.version) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const history = v['from-history']
    ? narrowHistory(readHistory(v['from-history']), {
        window: v.window,
        branches: v.branches,
        workflows: v.workflows,
        maxLogs: v['max-logs'],
      })
    : undefined;
  for (const flag of OUTPUTS) checkWritable(`--${flag}`, v[flag]);
  const token = env.GITHUB_TOKEN || env.GH_TOKEN || '';
  if (!history && !token) throw new InputError('Set GITHUB_TOKEN or GH_TOKEN (or use --from-history FILE)');
  if (v['write-issue'] && !token) throw new InputError('--write-issue needs GITHUB_TOKEN or GH_TOKEN');

  const given: Partial<Record<InputName, string | undefined>> = {
    token: token || 'offline',
    repository: v.repo ?? history?.repository ?? env.GITHUB_REPOSITORY,
    window: history?.window.requested ?? v.window,
    workflows: history ? undefined : v.workflows,
    branches: history ? undefined : v.branches,
    config: v.config,
    issue: v['write-issue'] ? 'true' : 'false',
    'issue-title': v['issue-title'],
    'issue-label': v['issue-label'],
    'max-logs': v['max-logs'],
    'report-path': v.json ?? path.join(env.TMPDIR || '/tmp', 'audit-ci', 'report.json'),
  };
  const settings = readSettings((n) => given[n] ?? INPUT_DEFAULTS[n], env);
  const log = consoleLogger(process.stderr, Boolean(v.verbose));
  const baseUrl = apiUrl(v['api-url'], env.GITHUB_API_URL);
  const client = token ? createClient({ token, baseUrl, budget: 900, reserve: 25, log: log.debug }) : undefined;

  const result = await audit({
    settings,
    client: history && !v['write-issue'] ? undefined : client,
    history,
    configText: v.config ? readRules(v.config) : history ? null : undefined,
    serverUrl: history?.serverUrl ?? env.GITHUB_SERVER_URL ?? 'https://github.com',
    workspace: process.cwd(),
    now: parseNow(v.now),
    renderIssueBody: Boolean(v['issue-body']),
    ...(history ? {} : { cacheStore: usableStore(cliCacheStore(`${settings.owner}/${settings.repo}`, v, env), v) }),
    log,
  });

  if (v['save-history']) writeOut('--save-history', v['save-history'], `${JSON.stringify(result.history, null, 1)}\n`);
  if (v.json) writeOut('--json', v.json, `${JSON.stringify(result.report, null, 2)}\n`);
  if (v['issue-body'] && result.issueBody !== null) writeOut('--issue-body', v['issue-body'], result.issueBody);
  if (v.markdown) writeOut('--markdown', v.markdown, result.summary);
  else process.stdout.write(`${result.summary}\n`);

  // The outputs above are written first: a failed issue write still leaves them.
  if (result.publishError) throw result.publishError;
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
      const err = e as Error;
      const usage = err instanceof InputError || err?.name === 'ConfigError';
      process.stderr.write(`${BIN}: ${cliMessage(describeError(e))}\n`);
      process.exitCode = usage ? 1 : 2;
    },
  );
}
