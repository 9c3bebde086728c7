/**
 * The environment a runner gives a JavaScript action: its GITHUB_* variables and files, and
 * every input as `INPUT_<NAME>` (upper-cased, spaces to `_`, hyphens kept). Shared by the
 * end-to-end tests (run-action.ts) and the benchmark (bench/action.ts), so both run
 * `dist/index.js` the same way.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export interface RunnerFiles {
  /** The temporary folder holding the rest (HOME too). */
  dir: string;
  workspace: string;
  runnerTemp: string;
  output: string;
  summary: string;
}

/** A fresh folder with an empty workspace, runner temp, GITHUB_OUTPUT and step summary. */
export function runnerFiles(prefix: string): RunnerFiles {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const files = {
    dir,
    workspace: path.join(dir, 'workspace'),
    runnerTemp: path.join(dir, 'runner-temp'),
    output: path.join(dir, 'github-output'),
    summary: path.join(dir, 'step-summary.md'),
  };
  mkdirSync(files.workspace);
  mkdirSync(files.runnerTemp);
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');
  return files;
}

export const inputVariable = (name: string): string => `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;

export function runnerEnv(o: {
  apiUrl: string;
  repository: string;
  files: RunnerFiles;
  inputs: Record<string, string>;
  /** More variables (AUDIT_CI_*), after the runner's. */
  extra?: NodeJS.ProcessEnv;
}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: o.files.dir,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_API_URL: o.apiUrl,
    GITHUB_GRAPHQL_URL: `${o.apiUrl}/graphql`,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: o.repository,
    GITHUB_WORKSPACE: o.files.workspace,
    GITHUB_OUTPUT: o.files.output,
    GITHUB_STEP_SUMMARY: o.files.summary,
    GITHUB_EVENT_NAME: 'schedule',
    RUNNER_TEMP: o.files.runnerTemp,
    ...o.extra,
    ...Object.fromEntries(Object.entries(o.inputs).map(([k, v]) => [inputVariable(k), v])),
  };
}
