import { InputError, parseWindow, readSettings, type InputName } from '../src/inputs.js';

const reader =
  (over: Partial<Record<InputName, string>>) =>
  (n: InputName): string =>
    over[n] ?? '';

describe('readSettings', () => {
  it('applies action.yml defaults', () => {
    const s = readSettings(reader({ token: 't', repository: 'o/r' }), { RUNNER_TEMP: '/tmp/rt' });
    expect(s).toMatchObject({
      owner: 'o',
      repo: 'r',
      window: { kind: 'count', count: 50 },
      workflows: [],
      branches: [],
      configPath: '.github/audit-ci.yml',
      issue: true,
      issueTitle: 'CI audit',
      issueLabel: 'ci-audit',
      pinIssue: true,
      maxLogs: 'auto',
      reportPath: '/tmp/rt/audit-ci/report.json',
    });
  });

  it('parses lists separated by commas or newlines', () => {
    const s = readSettings(reader({ token: 't', repository: 'o/r', workflows: 'ci.yml, Docs\nrelease.yml\n' }), {});
    expect(s.workflows).toEqual(['ci.yml', 'Docs', 'release.yml']);
  });

  it.each<[InputName, string]>([
    ['window', 'banana'],
    ['window', '0'],
    ['window', '100d'],
    ['issue', 'maybe'],
    ['pin-issue', 'yes please'],
    ['max-logs', '-1'],
    ['max-logs', '1.5'],
    ['repository', 'not a repo'],
  ])('names input %s when it is %j', (name, value) => {
    const read = reader({ token: 't', repository: 'o/r', [name]: value });
    expect(() => readSettings(read, {})).toThrow(InputError);
    expect(() => readSettings(read, {})).toThrow(`"${name}"`);
  });

  it('requires a token', () => {
    expect(() => readSettings(reader({ repository: 'o/r' }), {})).toThrow('"token"');
  });
});

describe('parseWindow', () => {
  it('reads counts and spans', () => {
    expect(parseWindow('50')).toEqual({ kind: 'count', count: 50, raw: '50' });
    expect(parseWindow('36h')).toEqual({ kind: 'span', ms: 36 * 3600_000, raw: '36h' });
    expect(parseWindow(' 7D ')).toEqual({ kind: 'span', ms: 7 * 86400_000, raw: '7d' });
    expect(parseWindow('2w')).toMatchObject({ kind: 'span', ms: 14 * 86400_000 });
  });
});
