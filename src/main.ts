/**
 * The action: read inputs, run the audit, write the report, summary and outputs.
 * The one place that calls core.setFailed.
 */
import * as core from '@actions/core';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { audit, type Logger } from './audit.js';
import { createClient } from './github/client.js';
import { describeError, fsReason } from './errors.js';
import { InputError, readSettings, type InputName } from './inputs.js';
import { openFindings } from './report.js';

const actionsLogger: Logger = {
  info: (m) => core.info(m),
  warn: (m) => core.warning(m),
  debug: (m) => core.debug(m),
  group: (name, fn) => core.group(name, fn),
};

export async function run(): Promise<void> {
  try {
    const settings = readSettings((name: InputName) => core.getInput(name));
    core.setSecret(settings.token);
    const baseUrl = process.env.GITHUB_API_URL || 'https://api.github.com';
    const serverUrl = process.env.GITHUB_SERVER_URL || 'https://github.com';
    const client = createClient({ token: settings.token, baseUrl, budget: 900, reserve: 25, log: core.debug });
    const result = await audit({
      settings,
      client,
      serverUrl,
      workspace: process.env.GITHUB_WORKSPACE,
      log: actionsLogger,
    });

    try {
      mkdirSync(path.dirname(settings.reportPath), { recursive: true });
      writeFileSync(settings.reportPath, `${JSON.stringify(result.report, null, 2)}\n`);
    } catch (e) {
      throw new InputError(`Input "report-path": cannot write ${settings.reportPath}: ${fsReason(e)}`);
    }
    if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(result.summary, true).write();

    const open = openFindings(result.report);
    core.setOutput('findings', String(open.length));
    core.setOutput('new-findings', String(open.filter((f) => f.status === 'new').length));
    core.setOutput('issue-number', result.issue ? String(result.issue.number) : '');
    core.setOutput('issue-url', result.issue?.url ?? '');
    core.setOutput('report-path', settings.reportPath);
    core.setOutput('runs', String(result.report.sample.runs));
    core.info(`${open.length} open findings in ${result.report.sample.runs} runs; report at ${settings.reportPath}`);
    // The report and summary are written first: a failed issue write still leaves them.
    if (result.publishError) core.setFailed(result.publishError.message);
  } catch (error) {
    core.setFailed(describeError(error));
  }
}
