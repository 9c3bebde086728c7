import { readFileSync } from 'node:fs';
import { DEFAULT_CONFIG, type Config } from '../src/config.js';
import { digestLogText } from '../src/parse/log-digest.js';
import { cacheMissesRule } from '../src/rules/cache-misses.js';
import { dockerLayersRule } from '../src/rules/docker-layers.js';
import type { History, Run } from '../src/types.js';
import { history, run } from '../test/factory.js';

const config: Config = structuredClone(DEFAULT_CONFIG);
const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/logs-stack/${name}`, import.meta.url), 'utf8');

const STEPS: [string, number][] = [
  ['Set up job', 2],
  ['Run actions/cache@v4', 5],
  ['Build image', 120],
  ['Post Run actions/cache@v4', 5],
];

function ciRun(id: number, branch = 'main'): Run {
  return run({ id, branch, jobs: [{ id: id * 10, name: 'build', steps: STEPS }] });
}

/** Runs whose job log is the fixture of each entry (`{SHA}` is the run's commit, `{HASH}` the given lockfile hash). */
function withLogs(logs: { log: string; branch?: string; hash?: string }[]): History {
  const runs = logs.map((l, i) => ciRun(i + 1, l.branch));
  const h = history(runs);
  logs.forEach((l, i) => {
    const r = runs[i]!;
    const text = fixture(l.log)
      .replaceAll('{SHA}', r.headSha)
      .replaceAll('{HASH}', l.hash ?? 'aa11bb22cc33dd44ee55ff66aa77bb88cc99dd00ee11ff22aa33bb44cc55dd66');
    h.logs[String(r.id * 10)] = digestLogText(r.id * 10, text, config);
  });
  return h;
}

const times = (log: string, n: number): { log: string }[] => Array.from({ length: n }, () => ({ log }));

describe('cache-misses: actions/cache', () => {
  it('reports a key holding the commit sha that never hits, with the cause', () => {
    const f = cacheMissesRule.run(withLogs(times('actions-cache/miss-run-key.txt', 4)), config);
    expect(f).toHaveLength(1);
    expect(f[0]!.title).toMatch(/missed in 4 of 4 logs read: its key contains the commit sha/);
    expect(f[0]!.detail).toContain('Cache not found for input keys: ccache-Linux-');
    expect(f[0]!.detail).toContain('hashFiles');
  });

  it('names a key that differs in every run by its shape, the same whichever run is newest', () => {
    const title = (n: number) =>
      cacheMissesRule.run(withLogs(times('actions-cache/miss-run-key.txt', n)), config)[0]!.title;
    // One run's key (its sha) in the title read as the only key, and changed every night.
    expect(title(4)).toMatch(/^The cache `ccache-Linux-<hex>` in /);
    expect(title(4).replace(/\d+ of \d+/, 'n')).toBe(title(5).replace(/\d+ of \d+/, 'n'));
    const h = withLogs(times('actions-cache/miss-run-key.txt', 4));
    expect(title(4)).not.toContain(h.runs[0]!.headSha.slice(0, 7));
  });

  it('does not report a sha key that a restore key hits (the ccache pattern)', () => {
    const logs = [...times('actions-cache/miss-run-key.txt', 3), { log: 'actions-cache/hit-restore-key.txt' }];
    expect(cacheMissesRule.run(withLogs(logs), config)).toEqual([]);
  });

  it('does not report a per-commit key that another job of the run restores (a cache passed between jobs)', () => {
    const h = withLogs(times('actions-cache/miss-run-key.txt', 4));
    for (const r of h.runs) {
      const test = { ...r.jobs[0]!, id: r.id * 10 + 1, name: 'test' };
      r.jobs.push(test);
      h.logs[String(test.id)] = digestLogText(test.id, `Cache restored from key: ccache-Linux-${r.headSha}`, config);
    }
    expect(cacheMissesRule.run(h, config)).toEqual([]);
  });

  it('names the cache step of the job whose log it quotes (step times differ from job to job)', () => {
    const steps: [string, number][] = [
      ['Set up job', 2],
      ['Cache node_modules', 5],
      ['Cache turbo', 5],
      ['Build', 60],
    ];
    const runs = [1, 2, 3, 4].map((id) => run({ id, jobs: [{ id: id * 10, name: 'build', steps }] }));
    const h = history(runs);
    for (const r of runs) {
      const turbo = r.jobs[0]!.steps.find((s) => s.name === 'Cache turbo')!;
      // The runner's stamp (seven digits), a second into the step.
      const t = new Date(Date.parse(turbo.startedAt!) + 1000).toISOString().replace(/\.\d{3}Z$/, '.0000000Z');
      const key = `turbo-Linux-${r.id}`;
      const text = [
        '##[group]Run actions/cache@v4',
        'with:',
        `  key: ${key}`,
        '##[endgroup]',
        `Cache not found for input keys: ${key}`,
      ].map((l) => `${t} ${l}`);
      h.logs[String(r.id * 10)] = digestLogText(r.id * 10, text.join('\n'), config);
    }
    const f = cacheMissesRule.run(h, config);
    expect(f.map((x) => x.title)).toEqual([expect.stringMatching(/its key contains the run id/)]);
    expect(f[0]!.subject.step).toBe('Cache turbo');
  });

  it('reports saving that fails every time', () => {
    const f = cacheMissesRule.run(withLogs(times('actions-cache/save-fails.txt', 3)), config);
    expect(f).toHaveLength(1);
    expect(f[0]!.title).toMatch(/saving it fails every time/);
    expect(f[0]!.detail).toContain('Unable to reserve cache with key modules-Linux-');
  });

  it('does not report a failed save when another job or run saved the same key', () => {
    const logs = [...times('actions-cache/save-fails.txt', 3), { log: 'actions-cache/lockfile-miss.txt' }];
    // lockfile-miss saves `modules-Linux-<hash>`: the same cache, so the store works.
    expect(cacheMissesRule.run(withLogs(logs), config)).toEqual([]);
  });

  it('does not report a miss after a lockfile change followed by hits', () => {
    const logs = [
      { log: 'actions-cache/lockfile-hit.txt', hash: 'aa'.repeat(32) },
      { log: 'actions-cache/lockfile-miss.txt', hash: 'bb'.repeat(32) },
      { log: 'actions-cache/lockfile-hit.txt', hash: 'bb'.repeat(32) },
      { log: 'actions-cache/lockfile-hit.txt', hash: 'bb'.repeat(32) },
    ];
    expect(cacheMissesRule.run(withLogs(logs), config)).toEqual([]);
  });

  it('does not report misses on different lockfile hashes that each saved (a cause it cannot see)', () => {
    const logs = ['1', '2', '3', '4'].map((c) => ({ log: 'actions-cache/lockfile-miss.txt', hash: c.repeat(64) }));
    expect(cacheMissesRule.run(withLogs(logs), config)).toEqual([]);
  });

  it('does not report an occasional miss (eviction) under the thresholds', () => {
    const logs = [
      ...times('actions-cache/miss-run-key.txt', 2),
      { log: 'actions-cache/lockfile-hit.txt' },
      { log: 'actions-cache/lockfile-hit.txt' },
    ];
    expect(cacheMissesRule.run(withLogs(logs), config)).toEqual([]);
  });

  it('reports a key holding the run id (real ids are long) or a timestamp', () => {
    const h = withLogs(times('actions-cache/lockfile-miss.txt', 3));
    for (const r of h.runs) {
      const id = 9_000_000_000 + r.id;
      const text = fixture('actions-cache/lockfile-miss.txt').replaceAll('{HASH}', `${id}-1`);
      h.logs[String(r.jobs[0]!.id)] = digestLogText(r.jobs[0]!.id, text, config);
      r.id = id;
    }
    expect(cacheMissesRule.run(h, config).map((f) => f.title)).toEqual([
      expect.stringMatching(/its key contains the run id/),
    ]);
    for (const [i, r] of h.runs.entries()) {
      const text = fixture('actions-cache/lockfile-miss.txt').replaceAll('{HASH}', `2026-11-2${i}T10-1${i}`);
      h.logs[String(r.jobs[0]!.id)] = digestLogText(r.jobs[0]!.id, text, config);
    }
    expect(cacheMissesRule.run(h, config).map((f) => f.title)).toEqual([expect.stringMatching(/a timestamp/)]);
  });

  it('never claims "never saved" from actions/cache v2, whose save line names no key (real zowe/api-layer output)', () => {
    expect(cacheMissesRule.run(withLogs(times('actions-cache/v2-zowe-api-layer.txt', 4)), config)).toEqual([]);
  });
});

describe('cache-misses: setup-* caches', () => {
  it('reports setup-node whose cache never hits because saving fails', () => {
    const f = cacheMissesRule.run(withLogs(times('setup/setup-node-miss-unsaved.txt', 3)), config);
    expect(f).toHaveLength(1);
    expect(f[0]!.title).toMatch(/The setup-node cache .* saving it fails every time/);
  });

  it('does not report setup-node when a later run hits', () => {
    const logs = [...times('setup/setup-node-miss-unsaved.txt', 3), { log: 'setup/setup-node-hit.txt' }];
    expect(cacheMissesRule.run(withLogs(logs), config)).toEqual([]);
  });

  it.each(['setup/setup-python-miss.txt', 'setup/setup-go-miss.txt', 'setup/setup-java-miss.txt'])(
    'reports %s missing in every successful run with no save',
    (log) => {
      const f = cacheMissesRule.run(withLogs(times(log, 3)), config);
      expect(f).toHaveLength(1);
      expect(f[0]!.title).toMatch(/it is never saved/);
    },
  );

  it('does not claim "never saved" from failed jobs (the post step saves only on success)', () => {
    const h = withLogs(times('setup/setup-go-miss.txt', 3));
    for (const r of h.runs) for (const j of r.jobs) j.conclusion = 'failure';
    expect(cacheMissesRule.run(h, config)).toEqual([]);
  });
});

describe('cache-misses: which logs it asks for', () => {
  it('asks for jobs with a cache step, and for setup-only jobs once a log read shows their cache', () => {
    const setupOnly = (id: number): Run =>
      run({
        id,
        jobs: [
          {
            id: id * 10,
            name: 'lint',
            steps: [
              ['Run actions/setup-node@v4', 5],
              ['Run npm run lint', 30],
            ],
          },
        ],
      });
    const h = history([ciRun(1), ciRun(2), setupOnly(3), setupOnly(4)]);
    expect(
      cacheMissesRule.wantsLogs!(h, config)
        .map((r) => r.jobId)
        .sort(),
    ).toEqual([10, 20]);
    h.logs['30'] = digestLogText(30, fixture('setup/setup-node-miss-unsaved.txt'), config);
    expect(
      cacheMissesRule.wantsLogs!(h, config)
        .map((r) => r.jobId)
        .sort(),
    ).toEqual([10, 20, 30, 40]);
  });
});

describe('docker-layers', () => {
  it('reports a RUN layer rebuilt in most builds with the cause (no cache-to)', () => {
    const logs = [...times('buildkit/rebuilt-no-cache-to.txt', 3), { log: 'buildkit/cached.txt' }];
    const f = dockerLayersRule.run(withLogs(logs), config);
    expect(f).toHaveLength(1);
    expect(f[0]!.title).toMatch(/rebuilt Docker layer `2\/8 WORKDIR \/app` in 3 of 4 builds read/);
    expect(f[0]!.detail).toMatch(/has no `--cache-to`/);
  });

  it('names a failing cache import as the cause', () => {
    const f = dockerLayersRule.run(withLogs(times('buildkit/import-fails.txt', 3)), config);
    expect(f).toHaveLength(1);
    expect(f[0]!.detail).toContain('failed to configure registry cache importer');
  });

  it('does not blame the cache import for a RUN step that failed (its error mentions a cache)', () => {
    const f = dockerLayersRule.run(withLogs(times('buildkit/rebuilt-run-error.txt', 3)), config);
    expect(f).toHaveLength(1);
    expect(f[0]!.detail).not.toMatch(/cache import fails/);
    expect(f[0]!.detail).toMatch(/The build fails \(`ERROR: failed to solve: process/);
  });

  it('does not report layers rebuilt after their COPY input changed', () => {
    expect(dockerLayersRule.run(withLogs(times('buildkit/copy-changed.txt', 4)), config)).toEqual([]);
  });

  it('does not report builds whose layers are cached', () => {
    const logs = [...times('buildkit/cached.txt', 3), { log: 'buildkit/rebuilt-no-cache-to.txt' }];
    expect(dockerLayersRule.run(withLogs(logs), config)).toEqual([]);
  });

  it('skips a log whose CACHED lines passed the per-key cap (it cannot tell a rebuild)', () => {
    const capped = { ...config, logs: { ...config.logs, maxMatchesPerKey: 2 } };
    const h = withLogs(times('buildkit/cached.txt', 4));
    for (const [id, d] of Object.entries(h.logs)) {
      h.logs[id] = digestLogText(d.jobId, fixture('buildkit/cached.txt'), capped);
    }
    expect(dockerLayersRule.run(h, config)).toEqual([]);
  });
});
