import { readFileSync } from 'node:fs';
import { DEFAULT_CONFIG, parseConfig, type Config } from '../src/config.js';
import { digestLogText } from '../src/parse/log-digest.js';
import { imageRebuildRule } from '../src/rules/image-rebuild.js';
import type { Run } from '../src/types.js';
import { digest, history, match, run } from '../test/factory.js';

const config: Config = structuredClone(DEFAULT_CONFIG);
const BUILD = 'Build test image';
const MISS = 'cache miss: building base image from scratch';

function imageRun(id: number, branch = 'main', created?: number): Run {
  return run({
    id,
    branch,
    ...(created !== undefined ? { created } : {}),
    jobs: [
      {
        id: id * 10,
        steps: [
          ['Set up job', 5],
          [BUILD, 240],
          ['Run pytest', 300],
        ],
      },
    ],
  });
}

function withLogs(runs: Run[], rebuilt: number[], extra: Record<number, string[]> = {}) {
  const h = history(runs);
  for (const r of runs) {
    const matches = rebuilt.includes(r.id) ? [match('cacheMiss', MISS, { section: BUILD })] : [];
    for (const line of extra[r.id] ?? []) matches.push(match('notesFetchFailed', line, { section: BUILD }));
    h.logs[String(r.id * 10)] = digest(r.id * 10, { matches });
  }
  return h;
}

describe('image-rebuild', () => {
  it('says of how many runs that built the image the logs were read', () => {
    const runs = [1, 2, 3, 4, 5, 6, 7, 8].map((i) => imageRun(i));
    const h = withLogs(runs, [2, 3, 4, 5]);
    // Logs of runs 6-8 were not read: they could show a rebuild, nobody looked.
    for (const id of Object.keys(h.logs)) if (Number(id) > 5 * 10 + 9) delete h.logs[id];
    const [f] = imageRebuildRule.run(h, config);
    expect(f).toBeDefined();
    expect(f!.frequency.eligible).toBe(8);
    expect(f!.frequency.logsRead).toBeLessThan(8);
    expect(f!.detail).toMatch(/in 4 of the \d logs read, of 8 runs that built the image/);
  });

  it('flags frequent rebuilds on the same branch with no visible change', () => {
    const runs = [1, 2, 3, 4, 5].map((i) => imageRun(i));
    const [f, ...rest] = imageRebuildRule.run(withLogs(runs, [2, 3, 4, 5]), config);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      category: 'image-rebuild',
      kind: 'infra',
      severity: 'medium',
      subject: { workflow: 'CI', job: 'test', step: BUILD },
      frequency: { runs: 4, of: 5, branches: 1, logsRead: 5, eligible: 5 },
    });
    expect(f!.title).toBe('CI / test rebuilt its base image in 4 of the 5 logs read');
    expect(f!.detail).toContain('"Build test image" takes a median 4m 0s');
    expect(f!.matchTerms).toEqual(['test', BUILD, MISS]);
    expect(f!.occurrences.map((o) => o.runId)).toEqual([5, 4, 3, 2]);
  });

  it('names a failed notes fetch as the cause: high, infra', () => {
    const runs = [1, 2, 3].map((i) => imageRun(i, `pr-${i}`));
    const denied = "fatal: couldn't find remote ref refs/notes/offload-images";
    const [f] = imageRebuildRule.run(withLogs(runs, [1, 2, 3], { 1: [denied] }), config);
    expect(f).toMatchObject({ severity: 'high', kind: 'infra' });
    expect(f!.title).toContain('the image-id notes fetch fails');
    expect(f!.detail).toContain('every later run loses the image cache');
    expect(f!.matchTerms).toContain('refs/notes/offload-images');
  });

  it('TRAP: occasional rebuilds are cache eviction', () => {
    const runs = [1, 2, 3, 4, 5, 6, 7, 8].map((i) => imageRun(i));
    expect(imageRebuildRule.run(withLogs(runs, [2, 5, 8]), config)).toEqual([]);
  });

  it('TRAP: a branch rebuilding only after its image may have been evicted is not a repeat', () => {
    // Every run rebuilds, but two days apart (logs read by audits on different nights).
    const apart = [1, 2, 3, 4, 5].map((i) => imageRun(i, 'main', i * 50 * 3600));
    expect(imageRebuildRule.run(withLogs(apart, [1, 2, 3, 4, 5]), config)).toEqual([]);
    // The same rebuilds an hour apart are needless; a longer eviction horizon says so of the first too.
    expect(
      imageRebuildRule.run(
        withLogs(
          [1, 2, 3, 4, 5].map((i) => imageRun(i)),
          [1, 2, 3, 4, 5],
        ),
        config,
      ),
    ).toHaveLength(1);
    const longer = { ...config, imageRebuild: { ...config.imageRebuild, evictionHours: 7 * 24 } };
    const [f] = imageRebuildRule.run(withLogs(apart, [1, 2, 3, 4, 5]), longer);
    expect(f!.detail).toContain('4 rebuilds came on a branch that had already rebuilt less than 168 h before');
  });

  it('TRAP: one rebuild per branch may be a Dockerfile change the audit cannot see', () => {
    const runs = [1, 2, 3, 4].map((i) => imageRun(i, `pr-${i}`));
    expect(imageRebuildRule.run(withLogs(runs, [1, 2, 3, 4]), config)).toEqual([]);
  });

  it('TRAP: benign "default Dockerfile" lines never count as rebuilds (the seed repository rules file)', () => {
    const config = parseConfig(
      readFileSync(new URL('../examples/seed-repository.audit-ci.yml', import.meta.url), 'utf8'),
    );
    const runs = [1, 2, 3].map((i) => imageRun(i));
    const h = history(runs);
    const log = [
      `2026-11-20T10:00:00.0000000Z ##[group]Run ${BUILD}`,
      '2026-11-20T10:00:01.0000000Z ##[endgroup]',
      '2026-11-20T10:00:02.0000000Z building from mngr default Dockerfile (cache miss on COPY layer)',
    ].join('\n');
    for (const r of runs) h.logs[String(r.id * 10)] = digestLogText(r.id * 10, log, config);
    expect(imageRebuildRule.run(h, config)).toEqual([]);
    // Even a digest made without the ignore list is filtered by the rule.
    for (const r of runs)
      h.logs[String(r.id * 10)] = digest(r.id * 10, {
        matches: [
          match('cacheMiss', 'building from mngr default Dockerfile (cache miss on COPY layer)', { section: BUILD }),
        ],
      });
    expect(imageRebuildRule.run(h, config)).toEqual([]);
  });

  it('needs minRuns rebuilds', () => {
    const runs = [1, 2].map((i) => imageRun(i));
    expect(imageRebuildRule.run(withLogs(runs, [1, 2]), config)).toEqual([]);
  });

  it('asks for recent logs of image-building jobs only, newest first', () => {
    const services = run({
      id: 9,
      name: 'Lint',
      jobs: [
        {
          id: 90,
          steps: [
            ['Initialize containers', 20],
            ['Run lint', 60],
          ],
        },
      ],
    });
    const runs = [...[1, 2, 3, 4, 5, 6, 7].map((i) => imageRun(i)), services];
    const wanted = imageRebuildRule.wantsLogs!(history(runs), config);
    expect(wanted.map((w) => w.jobId)).toEqual([70, 60, 50, 40, 30, 20]);
    expect(wanted[0]).toEqual({ jobId: 70, reason: 'image-rebuild', priority: 40 });
  });
});

describe('image-rebuild: logs of jobs that got slower', () => {
  it('asks for the latest run of a job much slower than usual', () => {
    const runs = [1, 2, 3, 4].map((id) =>
      run({ id, name: 'Lint', jobs: [{ id: id * 10, steps: [['Run lint', id === 4 ? 400 : 100]] }] }),
    );
    expect(imageRebuildRule.wantsLogs!(history(runs), config)).toEqual([
      { jobId: 40, reason: 'image-rebuild', priority: 30 },
    ]);
    runs[3]!.jobs[0]!.completedAt = runs[3]!.jobs[0]!.steps[0]!.startedAt;
    expect(imageRebuildRule.wantsLogs!(history(runs), config)).toEqual([]);
  });
});

describe('image-rebuild: names steps as the UI does', () => {
  it('finds the step by the time of the log line, and quotes lines without their hashes', () => {
    const runs = [1, 2, 3].map((id) =>
      run({
        id,
        jobs: [
          {
            id: id * 10,
            name: 'build-image',
            steps: [
              ['Fetch image notes', 10],
              ['Build base image', 400],
            ],
          },
        ],
      }),
    );
    const h = history(runs);
    for (const r of runs) {
      const j = r.jobs[0]!;
      const [notes, build] = j.steps;
      h.logs[String(j.id)] = digest(j.id, {
        matches: [
          match('notesFetchFailed', 'git fetch refs/notes/* failed (permission denied)', {
            section: "Run git fetch origin 'refs/notes/*'",
            at: notes!.startedAt,
          }),
          match('cacheMiss', 'cache miss: no note for 2da12f028faf in refs/notes/offload-images', {
            section: 'Run ./scripts/build.sh',
            at: build!.startedAt,
          }),
        ],
      });
    }
    const [f] = imageRebuildRule.run(h, config);
    expect(f!.subject).toEqual({ workflow: 'CI', job: 'build-image', step: 'Build base image' });
    expect(f!.detail).toContain('"Build base image" takes a median 6m 40s');
    expect(f!.matchTerms).toEqual([
      'build-image',
      'Build base image',
      'cache miss: no note for',
      'Fetch image notes',
      'refs/notes/offload-images',
      'contents: write',
    ]);
  });
});

describe('image-rebuild on real notes failure lines', () => {
  const jobWithSteps = (id: number, steps: [string, number][]): Run =>
    run({ id, branch: `pr-${id}`, jobs: [{ id: id * 10, name: 'test-offload', steps }] });

  it('reads offload and git failure lines of the seed job log (fixtures/logs/SOURCES.md)', () => {
    const text = readFileSync(new URL('./fixtures/logs/seed-test-offload.txt', import.meta.url), 'utf8');
    const runs = [1, 2, 3].map((i) => jobWithSteps(i, [['Run tests via offload', 300]]));
    const h = history(runs);
    for (const r of runs) h.logs[String(r.id * 10)] = digestLogText(r.id * 10, text, config);
    const [f, ...rest] = imageRebuildRule.run(h, config);
    expect(rest).toEqual([]);
    expect(f!.title).toContain('the image-id notes fetch fails');
    expect(f!.detail).toContain(
      '`! [rejected] refs/notes/offload-images -> refs/notes/offload-images (non-fast-forward)`',
    );
    expect(f!.detail).not.toContain('\u001b');
  });

  it('TRAP: a 403 of some other push is not a notes failure', () => {
    const runs = [1, 2, 3, 4].map((i) => imageRun(i, `pr-${i}`));
    const h = history(runs);
    for (const r of runs) {
      h.logs[String(r.id * 10)] = digest(r.id * 10, {
        matches: [
          match('cacheMiss', MISS, { section: BUILD }),
          match(
            'notesFetchFailed',
            "fatal: unable to access 'https://github.com/o/r/': The requested URL returned error: 403",
            { section: 'Run ad-m/github-push-action@master' },
          ),
        ],
      });
    }
    // Every branch rebuilds once: without a notes failure nothing explains it, so nothing is said.
    expect(imageRebuildRule.run(h, config)).toEqual([]);
  });
});
