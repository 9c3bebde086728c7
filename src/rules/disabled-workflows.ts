/**
 * Workflows GitHub disabled for inactivity: in a public repository, scheduled workflows are
 * disabled automatically after 60 days without repository activity (docs.github.com, "Disabling
 * and enabling a workflow"), and the List workflows API then answers
 * `"state": "disabled_inactivity"`. Nothing fails and nothing is said: the nightly build, the
 * scheduled security scan or the stale-issue sweep just stops. A workflow disabled by hand
 * (`disabled_manually`) was someone's choice and is not reported.
 */
import type { z } from 'zod';
import { names, section } from '../config-fields.js';
import type { Config } from '../config-types.js';
import { findingId } from '../findings.js';
import type { Finding, History, Rule, Workflow } from '../types.js';

/** This rule's section of the rules file (`disabledWorkflows:`). */
const CONFIG = section({
  expected: names([]).describe(
    'Workflows (names or file names) that GitHub disabled for inactivity and may stay so: never reported.',
  ),
});

declare module '../config-types.js' {
  interface RuleSections {
    disabledWorkflows: z.output<typeof CONFIG>;
  }
}

const fileName = (path: string): string => path.split('/').pop() ?? path;

function listed(list: string[], wf: Workflow): boolean {
  const want = new Set(list.map((x) => x.trim().toLowerCase()));
  return [wf.name, wf.path, fileName(wf.path)].some((x) => want.has(x.toLowerCase()));
}

function finding(history: History, wf: Workflow): Finding {
  const file = fileName(wf.path);
  return {
    id: findingId('other', 'disabled-inactivity', wf.path),
    category: 'other',
    severity: 'low',
    kind: 'hygiene',
    title: `GitHub disabled ${wf.name} (${file}) for inactivity: it no longer runs on its schedule`,
    subject: { workflow: wf.name },
    detail:
      `${wf.name} (${wf.path}) is disabled for inactivity: GitHub turns a public repository's scheduled ` +
      'workflows off after 60 days without repository activity, without a failed run or a notice in the ' +
      `repository. Re-enable it with \`gh workflow enable ${file}\` (or "Enable workflow" on its Actions page); ` +
      'if it may stay off, list it in `disabledWorkflows.expected` in the rules file.',
    // No run to link to: the workflow has not run since it was disabled.
    frequency: { runs: 0, of: history.runs.length, branches: 0 },
    occurrences: [],
    matchTerms: [wf.path, wf.name, 'gh workflow enable'],
  };
}

export const disabledWorkflowsRule: Rule = {
  name: 'disabledWorkflows',
  category: 'other',
  config: { section: 'disabledWorkflows', schema: CONFIG },
  run(history: History, config: Config): Finding[] {
    const only = history.filters?.workflows ?? [];
    return (
      history.workflows
        .filter((wf) => wf.state === 'disabled_inactivity' && wf.path.startsWith('.github/workflows/'))
        .filter((wf) => !listed(config.disabledWorkflows.expected, wf))
        // A sample filtered to some workflows speaks only for those.
        .filter((wf) => only.length === 0 || listed(only, wf))
        .map((wf) => finding(history, wf))
    );
  },
};
