/**
 * The built-in log patterns are only the defaults of `logs.patterns`: a user's own pattern for a
 * key widens what the rule takes, and nothing hard-coded beside it narrows it again.
 */
import { DEFAULT_CONFIG, resolveConfig, type Config } from '../src/config.js';
import { digestLogText } from '../src/parse/log-digest.js';
import { imageRebuildRule } from '../src/rules/image-rebuild.js';
import { otherRule } from '../src/rules/other.js';
import type { Annotation, Run } from '../src/types.js';
import { annotation as failure, digest, history, match, run } from '../test/factory.js';

/** A failure annotation, as GitHub posts one on the workflow file. */
const annotation = (message: string): Annotation => failure('failure', message);

/** The defaults, with the user's patterns for `key` added to the built-in ones. */
const widened = (key: string, extra: string) =>
  resolveConfig({ logs: { patterns: { [key]: [...DEFAULT_CONFIG.logs.patterns[key]!, extra] } } });

describe('a user pattern widens the built-in one', () => {
  it('timeout: a runner of its own saying so, in a log line and in an annotation', () => {
    const a = run({ id: 1, jobs: [{ id: 10, conclusion: 'failure' }] });
    a.jobs[0]!.annotations = [annotation('buildkite-agent: job deadline reached, terminating')];
    const b = run({ id: 2, jobs: [{ id: 20, conclusion: 'failure' }] });
    const h = history([a, b]);
    h.logs['20'] = digest(20, { matches: [match('timeout', 'buildkite-agent: job deadline reached, terminating')] });
    // The built-in patterns know only GitHub's own wording: nothing.
    expect(otherRule.run(h, DEFAULT_CONFIG)).toEqual([]);
    const [f, ...rest] = otherRule.run(h, widened('timeout', 'job deadline reached'));
    expect(rest).toEqual([]);
    expect(f!.title).toBe('CI / test hit its timeout in 2 runs');
  });

  it('TRAP: a widened timeout list still refuses a line that matches none of it', () => {
    const h = history([run({ id: 1, jobs: [{ id: 10, conclusion: 'failure' }] })]);
    h.logs['10'] = digest(10, { matches: [match('timeout', 'E   requests: connection has timed out')] });
    expect(otherRule.run(h, widened('timeout', 'job deadline reached'))).toEqual([]);
  });

  it('runnerLost: an annotation in the user’s own words', () => {
    const runs = [1, 2].map((id) => run({ id, conclusion: 'failure', jobs: [{ id: id * 10, conclusion: 'failure' }] }));
    for (const r of runs) r.jobs[0]!.annotations = [annotation('The self-hosted runner pod was evicted')];
    expect(otherRule.run(history(runs), DEFAULT_CONFIG)).toEqual([]);
    const [f] = otherRule.run(history(runs), widened('runnerLost', 'runner pod was evicted'));
    expect(f!.title).toBe('CI / test lost its runner in 2 runs');
  });
});

describe('notes failures: every notesFetchFailed line counts, git’s generic lines only about the notes', () => {
  const BUILD = 'Build test image';
  const imageRun = (id: number): Run =>
    run({
      id,
      branch: `pr-${id}`,
      jobs: [
        {
          id: id * 10,
          steps: [
            ['Sync image cache', 10],
            [BUILD, 240],
          ],
        },
      ],
    });
  const withLine = (key: string, line: string, step: string) => {
    const runs = [1, 2, 3, 4].map(imageRun);
    const h = history(runs);
    for (const r of runs) {
      h.logs[String(r.id * 10)] = digest(r.id * 10, {
        matches: [
          match('cacheMiss', 'cache miss: building base image from scratch', { section: BUILD }),
          match(key, line, { section: step }),
        ],
      });
    }
    return h;
  };

  it('takes a user notesFetchFailed line that does not say "notes", in a step that does not either', () => {
    const log = [
      '2026-11-20T10:00:00.0000000Z ##[group]Run imgcache sync',
      '2026-11-20T10:00:01.0000000Z imgcache: sync of image ids failed: 401',
      '2026-11-20T10:00:02.0000000Z ##[endgroup]',
      '2026-11-20T10:00:03.0000000Z ##[group]Run make image',
      '2026-11-20T10:00:04.0000000Z [cache] base miss: no cached image for 4f1c2a9e',
      '2026-11-20T10:00:05.0000000Z ##[endgroup]',
    ].join('\n');
    const audit = (config: Config) => {
      const runs = [1, 2, 3, 4].map(imageRun);
      const h = history(runs);
      for (const r of runs) h.logs[String(r.id * 10)] = digestLogText(r.id * 10, log, config);
      return imageRebuildRule.run(h, config);
    };
    // Each branch rebuilt once: with no notes failure read, nothing explains it and nothing is said.
    expect(audit(DEFAULT_CONFIG)).toEqual([]);
    const [f] = audit(widened('notesFetchFailed', 'imgcache: sync of image ids failed'));
    expect(f!.title).toContain('the image-id notes');
    expect(f!.detail).toContain('imgcache: sync of image ids failed: 401');
  });

  it("counts git's 403 (gitRemoteFailed) in a step fetching the notes", () => {
    const line = "fatal: unable to access 'https://github.com/o/r/': The requested URL returned error: 403";
    const [f] = imageRebuildRule.run(
      withLine('gitRemoteFailed', line, "Run git fetch origin 'refs/notes/*'"),
      DEFAULT_CONFIG,
    );
    expect(f!.title).toContain('the image-id notes fetch fails');
  });

  it("TRAP: git's 403 in a step about something else is no notes failure", () => {
    const line = "fatal: unable to access 'https://github.com/o/r/': The requested URL returned error: 403";
    expect(
      imageRebuildRule.run(withLine('gitRemoteFailed', line, 'Run ad-m/github-push-action@master'), DEFAULT_CONFIG),
    ).toEqual([]);
  });
});
