/**
 * Workflows GitHub disabled for inactivity. The workflow objects have the shape of GitHub's
 * "List repository workflows" answer (docs.github.com/en/rest/actions/workflows, whose `state`
 * is one of active, deleted, disabled_fork, disabled_inactivity, disabled_manually), mapped the
 * way collection maps them (src/collect/map.ts `toWorkflow`).
 */
import { DEFAULT_CONFIG, resolveConfig } from '../src/config.js';
import { toWorkflow } from '../src/collect/map.js';
import { disabledWorkflowsRule } from '../src/rules/disabled-workflows.js';
import { runRules } from '../src/rules/index.js';
import type { History } from '../src/types.js';
import { history, run } from '../test/factory.js';

const api = (id: number, name: string, file: string, state: string) =>
  toWorkflow({
    id,
    node_id: `W_kwDO${id}`,
    name,
    path: `.github/workflows/${file}`,
    state,
    created_at: '2025-01-10T09:00:00.000Z',
    updated_at: '2026-09-01T09:00:00.000Z',
    url: `https://api.github.com/repos/o/r/actions/workflows/${id}`,
    html_url: `https://github.com/o/r/blob/main/.github/workflows/${file}`,
    badge_url: `https://github.com/o/r/workflows/${encodeURIComponent(name)}/badge.svg`,
  } as Parameters<typeof toWorkflow>[0]);

function repo(): History {
  const h = history([run({ id: 1 })]);
  h.workflows = [
    api(1, 'CI', 'ci.yml', 'active'),
    api(2, 'Nightly', 'nightly.yml', 'disabled_inactivity'),
    api(3, 'Old deploy', 'deploy.yml', 'disabled_manually'),
    api(4, 'Fork sync', 'sync.yml', 'disabled_fork'),
  ];
  return h;
}

describe('disabled workflows', () => {
  it('names a workflow GitHub disabled for inactivity, and how to turn it back on', () => {
    const [f, ...rest] = disabledWorkflowsRule.run(repo(), DEFAULT_CONFIG);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ category: 'other', severity: 'low', kind: 'hygiene', subject: { workflow: 'Nightly' } });
    expect(f!.title).toBe('GitHub disabled Nightly (nightly.yml) for inactivity: it no longer runs on its schedule');
    expect(f!.detail).toContain('`gh workflow enable nightly.yml`');
    expect(f!.detail).toContain('`disabledWorkflows.expected`');
  });

  it('reaches the report through the registry, once, beside no blind spot for the same workflow', () => {
    const all = runRules(repo(), DEFAULT_CONFIG).filter((f) => f.subject.workflow === 'Nightly');
    expect(all.map((f) => f.title)).toEqual([
      'GitHub disabled Nightly (nightly.yml) for inactivity: it no longer runs on its schedule',
    ]);
  });

  it('TRAP: a workflow disabled by hand or in a fork was someone’s choice: nothing', () => {
    const h = repo();
    h.workflows = h.workflows.filter((w) => w.state !== 'disabled_inactivity');
    expect(disabledWorkflowsRule.run(h, DEFAULT_CONFIG)).toEqual([]);
  });

  it('TRAP: nothing for a workflow the rules file expects to stay off, or one outside a filtered sample', () => {
    for (const expected of ['Nightly', 'nightly.yml', '.github/workflows/nightly.yml']) {
      const config = resolveConfig({ disabledWorkflows: { expected: [expected] } });
      expect(disabledWorkflowsRule.run(repo(), config)).toEqual([]);
    }
    const filtered = repo();
    filtered.filters = { workflows: ['CI'], branches: [] };
    expect(disabledWorkflowsRule.run(filtered, DEFAULT_CONFIG)).toEqual([]);
  });

  it('keeps its id when the workflow is renamed', () => {
    const renamed = repo();
    renamed.workflows[1]!.name = 'Nightly build';
    expect(disabledWorkflowsRule.run(renamed, DEFAULT_CONFIG)[0]!.id).toBe(
      disabledWorkflowsRule.run(repo(), DEFAULT_CONFIG)[0]!.id,
    );
  });
});
