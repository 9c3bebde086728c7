import { readFileSync } from 'node:fs';
import { DEFAULT_CONFIG, parseConfig, resolveConfig } from '../src/config.js';

const seedFile = readFileSync(new URL('../examples/seed-repository.audit-ci.yml', import.meta.url), 'utf8');

describe('stack-neutral defaults and the seed repository rules file', () => {
  it('names no repository in the built-in defaults', () => {
    expect(JSON.stringify(DEFAULT_CONFIG)).not.toMatch(/mngr|modal|sandbox|Installing at runtime/i);
  });

  it('keeps the seed specifics in examples/seed-repository.audit-ci.yml, merged over the defaults', () => {
    const seed = parseConfig(seedFile, 'examples/seed-repository.audit-ci.yml');
    expect(seed.ignore).toEqual(['building from mngr default Dockerfile', 'Installing at runtime']);
    expect(seed.imageRebuild.steps[0]).toMatch(/modal/);
    expect(seed.logs.patterns.coverageMismatch).toEqual(['^ *MISMATCH: \\d+ sandboxes delivered ']);
    // Everything else is the default.
    expect(seed.logs.patterns.cacheNotFound).toEqual(DEFAULT_CONFIG.logs.patterns.cacheNotFound);
    expect(seed.caches).toEqual(DEFAULT_CONFIG.caches);
  });

  it('refuses a share above 1 and a non-linear step pattern, naming the key', () => {
    expect(() => resolveConfig({ caches: { minShare: 2 } })).toThrow(
      'caches.minShare: expected a number between 0 and 1, got 2',
    );
    expect(() => resolveConfig({ dockerLayers: { minShare: 1.5 } })).toThrow('dockerLayers.minShare: ');
    expect(() => resolveConfig({ imageRebuild: { steps: ['(a)\\1'] } })).toThrow('imageRebuild.steps: the pattern');
    expect(() => resolveConfig({ coverage: { minRuns: 'two' } })).toThrow('coverage.minRuns: expected an integer >= 1');
  });
});
