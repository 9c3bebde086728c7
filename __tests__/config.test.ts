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
    [
      'slow:\n  jobMinute: 5\n',
      'unknown key slow.jobMinute (known keys here: jobMinutes, stepShare, testSeconds, testShare, regressionFactor, setupSteps)',
    ],
    ['slow:\n  jobMinutes: fast\n', 'slow.jobMinutes: expected a number > 0, got "fast"'],
    ['slow:\n  jobMinutes: -3\n', 'slow.jobMinutes: expected a number > 0, got -3'],
    ['slow:\n  regressionFactor: 0.5\n', 'slow.regressionFactor: expected a number > 1, got 0.5'],
    ['flaky:\n  jobRetries: "sometimes"\n', 'flaky.jobRetries: expected true or false, got "sometimes"'],
    ['ignore: ["(unclosed"]\n', 'ignore: the pattern "(unclosed" is not a valid regular expression'],
    [
      'logs:\n  patterns:\n    custom: ["[a-"]\n',
      'logs.patterns.custom: the pattern "[a-" is not a valid regular expression',
    ],
    [
      'logs:\n  patterns:\n    custom: [{a: 1}]\n',
      'logs.patterns.custom: expected a string or a list of strings, got [{"a":1}]',
    ],
    ['noise: 3\n', 'noise: expected a mapping, got 3'],
    ['imageRebuild:\n  minShare: 2\n', 'imageRebuild.minShare: expected a number between 0 and 1, got 2'],
    ['caches:\n  minShare: -0.1\n', 'caches.minShare: expected a number between 0 and 1, got -0.1'],
    ['recurringFailures:\n  minBranches: 1.5\n', 'recurringFailures.minBranches: expected an integer >= 1, got 1.5'],
    ['noise:\n  minRuns: 0\n', 'noise.minRuns: expected an integer >= 1, got 0'],
    ['budget:\n  reserve: -1\n', 'budget.reserve: expected an integer >= 0, got -1'],
    ['- a\n- b\n', 'the file: expected a mapping, got ["a","b"]'],
    ['colour: red\n', 'unknown key colour (known keys here: '],
  ])('names the key in the error for %j', (text, message) => {
    expect(() => parseConfig(text, 'rules.yml')).toThrow(ConfigError);
    expect(() => parseConfig(text, 'rules.yml')).toThrow(`rules file rules.yml: ${message}`);
  });

  it('accepts the edges of each range, and a single string for a list', () => {
    const c = parseConfig(
      'caches:\n  minShare: 1\nbudget:\n  reserve: 0\nignore: "benign line"\nslow:\n  regressionFactor: 1.01\n',
    );
    expect(c.caches.minShare).toBe(1);
    expect(c.budget.reserve).toBe(0);
    expect(c.ignore).toEqual(['benign line']);
    expect(c.slow.regressionFactor).toBe(1.01);
  });

  it('reads an empty key (YAML null) as its default', () => {
    const c = parseConfig('ignore:\nslow:\n  jobMinutes:\n');
    expect(c.ignore).toEqual([]);
    expect(c.slow).toEqual(DEFAULT_CONFIG.slow);
  });

  it('never shares a default list between two files', () => {
    const a = parseConfig('');
    a.slow.setupSteps.push('mutated');
    a.logs.patterns.error!.push('mutated');
    expect(parseConfig('noise:\n  minRuns: 3\n').slow.setupSteps).not.toContain('mutated');
    expect(parseConfig('noise:\n  minRuns: 3\n').logs.patterns.error).not.toContain('mutated');
    expect(DEFAULT_CONFIG.slow.setupSteps).not.toContain('mutated');
  });

  it('reports YAML syntax errors with the file name', () => {
    expect(() => parseConfig('slow: [1,', 'x.yml')).toThrow(/x\.yml is not valid YAML/);
  });
});
