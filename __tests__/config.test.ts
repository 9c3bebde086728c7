import { ConfigError, DEFAULT_CONFIG, parseConfig, resolveConfig } from '../src/config.js';

describe('rules file', () => {
  it('gives the defaults for an empty file', () => {
    expect(parseConfig('')).toEqual(DEFAULT_CONFIG);
    expect(resolveConfig(null)).toEqual(DEFAULT_CONFIG);
  });

  it('merges a partial file over the defaults', () => {
    const c = parseConfig('slow:\n  jobMinutes: 5\ntestReports:\n  names: [Unit Tests]\n');
    expect(c.slow.jobMinutes).toBe(5);
    expect(c.slow.stepShare).toBe(DEFAULT_CONFIG.slow.stepShare);
    expect(c.testReports.names).toEqual(['Unit Tests']);
  });

  it('lets users add log pattern keys and replace lists', () => {
    const c = parseConfig('logs:\n  patterns:\n    cacheMiss: ["image not cached"]\n    custom: ["boom"]\n');
    expect(c.logs.patterns.cacheMiss).toEqual(['image not cached']);
    expect(c.logs.patterns.custom).toEqual(['boom']);
    expect(c.logs.patterns.coverageMismatch).toEqual(DEFAULT_CONFIG.logs.patterns.coverageMismatch);
  });

  it.each([
    ['slow:\n  jobMinute: 5\n', '`slow.jobMinute`'],
    ['slow:\n  jobMinutes: fast\n', '`slow.jobMinutes`'],
    ['slow:\n  jobMinutes: -3\n', '`slow.jobMinutes`'],
    ['flaky:\n  jobRetries: "sometimes"\n', '`flaky.jobRetries`'],
    ['ignore: ["(unclosed"]\n', '`ignore`'],
    ['logs:\n  patterns:\n    custom: ["[a-"]\n', '`logs.patterns.custom`'],
    ['noise: 3\n', '`noise`'],
    ['imageRebuild:\n  minShare: 2\n', '`imageRebuild.minShare`'],
  ])('names the key in the error for %j', (text, key) => {
    expect(() => parseConfig(text, 'rules.yml')).toThrow(ConfigError);
    expect(() => parseConfig(text, 'rules.yml')).toThrow(key);
    expect(() => parseConfig(text, 'rules.yml')).toThrow('rules.yml');
  });

  it('reports YAML syntax errors with the file name', () => {
    expect(() => parseConfig('slow: [1,', 'x.yml')).toThrow(/x\.yml is not valid YAML/);
  });
});
