/** The rule registry: each rule declares its category and its section of the rules file. */
import { readFileSync } from 'node:fs';
import { DEFAULT_CONFIG } from '../src/config.js';
import { CATEGORIES, CATEGORY_LABEL, CATEGORY_ORDER } from '../src/rules/categories.js';
import { logWants, RULES, runRules, wantedLogs } from '../src/rules/index.js';
import type { History, Rule } from '../src/types.js';

const history = JSON.parse(readFileSync(new URL('../examples/history.json', import.meta.url), 'utf8')) as History;

describe('rule registry', () => {
  it('keeps the categories of the public JSON report, in their order, each with one label', () => {
    expect(CATEGORY_ORDER).toEqual([
      'recurring-failure',
      'flaky-test',
      'coverage',
      'image-rebuild',
      'slow',
      'warning',
      'log-noise',
      'other',
    ]);
    expect(new Set(CATEGORIES.map((c) => c.label)).size).toBe(CATEGORIES.length);
    expect(CATEGORY_LABEL['flaky-test']).toBe('Flaky tests');
  });

  it('gives every rule a unique name, a known category and, where it has one, its own section', () => {
    expect(new Set(RULES.map((r) => r.name)).size).toBe(RULES.length);
    for (const r of RULES) expect(CATEGORY_ORDER).toContain(r.category);
    const sections = RULES.flatMap((r) => (r.config ? [r.config.section] : []));
    expect(new Set(sections).size).toBe(sections.length);
    for (const s of sections) expect(DEFAULT_CONFIG).toHaveProperty(s);
  });

  it('makes findings only of the category each rule declares (the bundled example history)', () => {
    const seen = new Set<string>();
    for (const r of RULES) {
      const findings = r.run(history, DEFAULT_CONFIG);
      for (const f of findings) {
        expect(`${r.name}: ${f.category}`).toBe(`${r.name}: ${r.category}`);
        expect(f.id.startsWith(`${r.category}-`)).toBe(true);
        seen.add(r.name);
      }
    }
    // The check means something only if most rules fire on the example.
    expect(seen.size).toBeGreaterThanOrEqual(6);
  });

  it('keeps every finding id when a workflow is renamed (ids use the workflow file, titles the name)', () => {
    const renamed = structuredClone(history);
    for (const r of renamed.runs) r.name = `${r.name} renamed`;
    for (const w of renamed.workflows) w.name = `${w.name} renamed`;
    const before = runRules(history, DEFAULT_CONFIG);
    const after = runRules(renamed, DEFAULT_CONFIG);
    expect(before.length).toBeGreaterThan(5);
    expect(new Set(before.map((f) => f.category)).size).toBeGreaterThanOrEqual(5);
    expect(after.map((f) => `${f.category} ${f.id}`).sort()).toEqual(before.map((f) => `${f.category} ${f.id}`).sort());
    // The rename is seen: titles and subjects name the new name.
    expect(after.filter((f) => f.subject.workflow?.endsWith(' renamed')).length).toBeGreaterThan(0);
    expect(after.map((f) => f.causedBy).filter(Boolean)).toEqual(before.map((f) => f.causedBy).filter(Boolean));
  });

  it('TRAP: a workflow moved to another file is another workflow: its job findings get new ids', () => {
    const moved = structuredClone(history);
    for (const r of moved.runs) r.workflowPath = r.workflowPath.replace(/\.ya?ml$/, '-moved.yml');
    const before = new Set(runRules(history, DEFAULT_CONFIG).map((f) => f.id));
    const perJob = runRules(moved, DEFAULT_CONFIG).filter(
      (f) => f.subject.job && ['slow', 'image-rebuild', 'log-noise', 'coverage'].includes(f.category),
    );
    expect(perJob.length).toBeGreaterThan(0);
    expect(perJob.filter((f) => before.has(f.id)).map((f) => f.title)).toEqual([]);
  });
});

describe('logWants: the logs rules want, asked again as logs are read', () => {
  const base = structuredClone(history);
  const jobIds = base.runs.flatMap((r) => r.jobs.map((j) => j.id));

  it('asks again only the rules whose wants read the logs, and gives what wantedLogs gives', () => {
    const h: History = { ...structuredClone(base), logs: {} };
    const calls = { runsOnly: 0, logsToo: 0 };
    const rules: Rule[] = [
      {
        name: 'runsOnly',
        category: 'other',
        run: () => [],
        wantsLogs: (x) => (calls.runsOnly++, [{ jobId: x.runs[0]!.jobs[0]!.id, reason: 'a', priority: 5 }]),
      },
      {
        name: 'logsToo',
        category: 'other',
        run: () => [],
        // More logs once a log is read: what cache-misses does for setup steps.
        wantsLogs: (x) => (
          calls.logsToo++,
          jobIds.slice(1, 2 + Object.keys(x.logs).length).map((jobId) => ({ jobId, reason: 'b', priority: 3 }))
        ),
      },
    ];
    const ask = logWants(h, DEFAULT_CONFIG, rules);
    const first = ask();
    expect(first).toEqual(wantedLogs(h, DEFAULT_CONFIG, rules));
    expect(first.map((w) => w.jobId)).toEqual([jobIds[0], jobIds[1]]);
    h.logs[String(jobIds[0])] = { jobId: jobIds[0]! } as History['logs'][string];
    const second = ask();
    // Priority first, then the higher job id.
    expect(second.map((w) => w.jobId)).toEqual([jobIds[0], ...[jobIds[1]!, jobIds[2]!].sort((a, b) => b - a)]);
    expect(second).toEqual(wantedLogs(h, DEFAULT_CONFIG, rules));
    // Three asks each (two here, one in each wantedLogs) for the rule that reads logs; one fewer for the other.
    expect(calls).toEqual({ runsOnly: 3, logsToo: 4 });
  });

  it('gives the built-in rules the same answer as asking each afresh', () => {
    const h: History = { ...structuredClone(base), logs: {} };
    const ask = logWants(h, DEFAULT_CONFIG);
    ask();
    for (const [id, d] of Object.entries(base.logs).slice(0, 5)) h.logs[id] = d;
    expect(ask()).toEqual(wantedLogs(h, DEFAULT_CONFIG));
  });
});
