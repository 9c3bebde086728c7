/**
 * Runs the bundled action (`node dist/index.js`) in a child process exactly as the runner
 * does: every input of action.yml as `INPUT_<NAME>` (upper-cased, spaces to `_`, hyphens
 * kept) with its default unless overridden, and the runner's files and variables.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { runnerEnv, runnerFiles } from './runner-env.js';

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
  const files = runnerFiles('audit-ci-e2e-');
  const inputs = { ...defaultInputs(files.runnerTemp, o.repository, o.token), ...o.inputs };
  const env = runnerEnv({ apiUrl: o.apiUrl, repository: o.repository, files, inputs });
  const child = spawn(process.execPath, [DIST], { env, cwd: files.workspace });
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
    outputs: parseOutputFile(readFileSync(files.output, 'utf8')),
    summary: readFileSync(files.summary, 'utf8'),
    reportPath: inputs['report-path']!,
    dir: files.dir,
  };
}
