/**
 * The workflows: every job has a timeout; every action is on a major whose action.yml runs on
 * node24 (checked in each action's repository: actions/checkout v5-v7, actions/setup-node
 * v5-v7, actions/upload-artifact v6-v7; upload-artifact v5 and older run on node20); the
 * README's quick start is the repository's own audit.yml, which keeps the JSON report; the
 * release workflow checks dist/, tags v1.x.y, moves v1 and uses the CHANGELOG entry.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';

const root = new URL('../', import.meta.url);
const read = (p: string) => readFileSync(new URL(p, root), 'utf8');

interface Step {
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  jobs: Record<string, { 'timeout-minutes'?: number; steps: Step[] }>;
}

const workflows = readdirSync(new URL('.github/workflows/', root)).map((f) => ({
  file: f,
  wf: parse(read(`.github/workflows/${f}`)) as Workflow,
}));

/** The first major of each action whose action.yml says `using: node24`. */
const NODE24_FROM: Record<string, number> = {
  'actions/checkout': 5,
  'actions/setup-node': 5,
  'actions/upload-artifact': 6,
};

describe('workflows', () => {
  it('every job has a timeout', () => {
    const jobs = workflows.flatMap(({ file, wf }) =>
      Object.entries(wf.jobs).map(([name, j]) => [`${file}:${name}`, j['timeout-minutes']]),
    );
    expect(jobs.length).toBeGreaterThanOrEqual(5);
    for (const [job, t] of jobs) expect({ job, t: typeof t === 'number' && t > 0 }).toEqual({ job, t: true });
  });

  it('every action runs on node24', () => {
    const uses = workflows.flatMap(({ wf }) => Object.values(wf.jobs).flatMap((j) => j.steps.map((s) => s.uses)));
    const external = uses.filter((u): u is string => !!u && u.startsWith('actions/'));
    expect(external.length).toBeGreaterThan(0);
    for (const u of external) {
      const [name, ref] = u.split('@') as [string, string];
      expect({ u, known: name in NODE24_FROM }).toEqual({ u, known: true });
      expect({ u, major: Number(/^v(\d+)/.exec(ref)?.[1]) >= NODE24_FROM[name]! }).toEqual({ u, major: true });
    }
  });

  it("the README's quick start is audit.yml, and keeps the report as an artifact even on failure", () => {
    const readme = read('README.md');
    const block = readme.split('\n## Quick start\n')[1]!.split('```yaml\n')[1]!.split('```')[0]!;
    const audit = parse(read('.github/workflows/audit.yml')) as Workflow;
    expect(parse(block)).toEqual(audit);
    const upload = audit.jobs.audit!.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    expect(upload?.if).toMatch(/^always\(\)/);
    expect(upload?.with?.path).toBe('${{ steps.audit.outputs.report-path }}');
  });

  it('the release workflow builds, checks dist/, tags v1.x.y, moves v1, with the CHANGELOG notes', () => {
    const rel = parse(read('.github/workflows/release.yml')) as Workflow;
    const script = rel.jobs.release!.steps.map((s) => s.run ?? '').join('\n');
    expect(script).toMatch(/npm run build/);
    expect(script).toMatch(/git status --porcelain -- dist/);
    expect(script).toMatch(/git tag -a "v\$VERSION"/);
    expect(script).toMatch(/git tag -fa v1 /);
    expect(script).toMatch(/git push --force origin refs\/tags\/v1/);
    expect(script).toMatch(/scripts\/release-notes\.mjs "\$VERSION"/);
    expect(script).toMatch(/gh release create "v\$VERSION" .*--notes-file/);
  });
});

describe('scripts/release-notes.mjs', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'audit-ci-notes-'));
  const changelog = path.join(dir, 'CHANGELOG.md');
  writeFileSync(
    changelog,
    '# Changelog\n\n## [Unreleased]\n\n- next\n\n## [1.2.0] - 2026-12-01\n\n### Fixed\n\n- a thing\n\n## [1.1.0] - 2026-11-01\n\n- old\n',
  );
  const notes = (v: string) =>
    spawnSync(process.execPath, [new URL('scripts/release-notes.mjs', root).pathname, v, changelog], {
      encoding: 'utf8',
    });

  it("prints one version's entry, up to the next heading", () => {
    expect(notes('1.2.0')).toMatchObject({ status: 0, stdout: '### Fixed\n\n- a thing\n' });
    expect(notes('1.1.0')).toMatchObject({ status: 0, stdout: '- old\n' });
  });

  it('fails on a version without an entry (1.2 is not 1.2.0)', () => {
    expect(notes('1.3.0')).toMatchObject({ status: 1, stdout: '' });
    expect(notes('1.2').stderr).toMatch(/has no entry "## \[1\.2\]"/);
  });
});
