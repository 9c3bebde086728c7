/**
 * Every action input is read here, once, into a typed settings object. Errors name the input.
 * The same object is built by the CLI from its flags, so both share validation.
 */
import * as path from 'node:path';
import * as os from 'node:os';

export type WindowSpec = { kind: 'count'; count: number; raw: string } | { kind: 'span'; ms: number; raw: string };

export interface Settings {
  token: string;
  owner: string;
  repo: string;
  window: WindowSpec;
  workflows: string[];
  branches: string[];
  configPath: string;
  /** false = dry run: no writes anywhere but the job summary and the JSON report. */
  issue: boolean;
  issueTitle: string;
  issueLabel: string;
  pinIssue: boolean;
  /** Most job logs one audit reads; 'auto': sized to the token's hourly budget (collect/evidence.ts). */
  maxLogs: number | 'auto';
  reportPath: string;
}

export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

export const INPUT_NAMES = [
  'token',
  'repository',
  'window',
  'workflows',
  'branches',
  'config',
  'issue',
  'issue-title',
  'issue-label',
  'pin-issue',
  'max-logs',
  'report-path',
] as const;
export type InputName = (typeof INPUT_NAMES)[number];

export const OUTPUT_NAMES = ['findings', 'new-findings', 'issue-number', 'issue-url', 'report-path', 'runs'] as const;

/** Runs beyond GitHub's 1,000 per filtered listing are listed in date slices (collect/runs.ts). */
const MAX_RUNS = 10000;
const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

export function parseWindow(raw: string): WindowSpec {
  const v = raw.trim().toLowerCase();
  if (/^\d+$/.test(v)) {
    const count = Number(v);
    if (count < 1 || count > MAX_RUNS) {
      throw new InputError(`Input "window" must be a run count from 1 to ${MAX_RUNS}, got "${raw}"`);
    }
    return { kind: 'count', count, raw: v };
  }
  const m = /^(\d+)\s*(m|h|d|w)$/.exec(v);
  if (m) {
    const ms = Number(m[1]) * UNIT_MS[m[2]!]!;
    if (ms <= 0 || ms > 90 * UNIT_MS.d!) {
      throw new InputError(`Input "window" must be a span from 1m to 90d (logs expire after 90 days), got "${raw}"`);
    }
    return { kind: 'span', ms, raw: v };
  }
  throw new InputError(`Input "window" must be a run count (50) or a time span (36h, 7d, 2w), got "${raw}"`);
}

export function parseList(raw: string): string[] {
  return raw
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function parseBool(name: string, raw: string): boolean {
  const v = raw.trim().toLowerCase();
  if (['true', 'yes', 'on', '1'].includes(v)) return true;
  if (['false', 'no', 'off', '0'].includes(v)) return false;
  throw new InputError(`Input "${name}" must be true or false, got "${raw}"`);
}

export function parseRepository(raw: string): { owner: string; repo: string } {
  const m = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(raw.trim());
  if (!m) throw new InputError(`Input "repository" must be "owner/name", got "${raw}"`);
  return { owner: m[1]!, repo: m[2]! };
}

/** `auto` (sized to the token's budget) or a count. */
function parseMaxLogs(raw: string): number | 'auto' {
  if (raw.trim().toLowerCase() === 'auto') return 'auto';
  if (!/^\s*\d+\s*$/.test(raw) || Number(raw) > 1000) {
    throw new InputError(`Input "max-logs" must be auto or a whole number from 0 to 1000, got "${raw}"`);
  }
  return Number(raw);
}

export type InputReader = (name: InputName) => string;

/** Defaults as in action.yml, for readers (CLI, tests) that do not supply every input. */
export const INPUT_DEFAULTS: Record<InputName, string> = {
  token: '',
  repository: '',
  window: '50',
  workflows: '',
  branches: '',
  config: '.github/audit-ci.yml',
  issue: 'true',
  'issue-title': 'CI audit',
  'issue-label': 'ci-audit',
  'pin-issue': 'true',
  'max-logs': 'auto',
  'report-path': '',
};

export function readSettings(read: InputReader, env: NodeJS.ProcessEnv = process.env): Settings {
  const get = (n: InputName): string => {
    const v = read(n);
    return v === '' ? INPUT_DEFAULTS[n] : v;
  };
  const token = get('token');
  if (!token) throw new InputError('Input "token" is required (the default is the workflow\'s github.token)');
  const repository = get('repository') || env.GITHUB_REPOSITORY || '';
  if (!repository) throw new InputError('Input "repository" is required (owner/name)');
  const { owner, repo } = parseRepository(repository);
  const title = get('issue-title').trim();
  if (!title || title.length > 200) throw new InputError('Input "issue-title" must be 1 to 200 characters');
  const label = get('issue-label').trim();
  if (!label || label.length > 50) throw new InputError('Input "issue-label" must be 1 to 50 characters');
  const report = get('report-path') || path.join(env.RUNNER_TEMP || os.tmpdir(), 'audit-ci', 'report.json');
  return {
    token,
    owner,
    repo,
    window: parseWindow(get('window')),
    workflows: parseList(get('workflows')),
    branches: parseList(get('branches')),
    configPath: get('config').trim(),
    issue: parseBool('issue', get('issue')),
    issueTitle: title,
    issueLabel: label,
    pinIssue: parseBool('pin-issue', get('pin-issue')),
    maxLogs: parseMaxLogs(get('max-logs')),
    reportPath: path.resolve(report),
  };
}
