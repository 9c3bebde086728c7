/**
 * Runs the bundled action (`node dist/index.js`) in a child process exactly as the runner
 * does: every input of action.yml as `INPUT_<NAME>` (upper-cased, spaces to `_`, hyphens
 * kept) with its default unless overridden, and the runner's files and variables.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const DIST = path.join(ROOT, 'dist', 'index.js');

export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  reportPath: string;
  dir: string;
}

/** Inputs with action.yml defaults; `${{ ... }}` defaults are what the runner would substitute. */
function defaultInputs(runnerTemp: string, repository: string, token: string): Record<string, string> {
  const action = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>;
  };
  const expr: Record<string, string> = {
    '${{ github.token }}': token,
    '${{ github.repository }}': repository,
    '${{ runner.temp }}/audit-ci/report.json': path.join(runnerTemp, 'audit-ci', 'report.json'),
  };
  return Object.fromEntries(
    Object.entries(action.inputs).map(([k, v]) => [k, expr[v.default ?? ''] ?? v.default ?? '']),
  );
}

/** GITHUB_OUTPUT holds `name<<delimiter\nvalue\ndelimiter` blocks (or `name=value` lines). */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i]!);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2]!, i + 1);
      out[heredoc[1]!] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (lines[i]!.includes('=')) {
      const [k, ...v] = lines[i]!.split('=');
      out[k!] = v.join('=');
    }
  }
  return out;
}

export interface RunOptions {
  apiUrl: string;
  repository: string;
  token: string;
  inputs?: Record<string, string>;
  timeoutMs?: number;
}

export async function runAction(o: RunOptions): Promise<ActionRun> {
  const dir = mkdtempSync(path.join(tmpdir(), 'audit-ci-e2e-'));
  const runnerTemp = path.join(dir, 'runner-temp');
  const workspace = path.join(dir, 'workspace');
  mkdirSync(runnerTemp);
  mkdirSync(workspace);
  const outputFile = path.join(dir, 'github-output');
  const summaryFile = path.join(dir, 'step-summary.md');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const inputs = { ...defaultInputs(runnerTemp, o.repository, o.token), ...o.inputs };
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: dir,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_API_URL: o.apiUrl,
    GITHUB_GRAPHQL_URL: `${o.apiUrl}/graphql`,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: o.repository,
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_EVENT_NAME: 'schedule',
    RUNNER_TEMP: runnerTemp,
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.replace(/ /g, '_').toUpperCase()}`, v])),
  };
  const child = spawn(process.execPath, [DIST], { env, cwd: workspace });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), o.timeoutMs ?? 60_000);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
    summary: readFileSync(summaryFile, 'utf8'),
    reportPath: inputs['report-path']!,
    dir,
  };
}
