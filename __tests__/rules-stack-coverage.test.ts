import { readFileSync } from 'node:fs';
import { DEFAULT_CONFIG, type Config } from '../src/config.js';
import { digestLogText } from '../src/parse/log-digest.js';
import { coverageRule } from '../src/rules/coverage.js';
import { runRules } from '../src/rules/index.js';
import { warningsRule } from '../src/rules/warnings.js';
import type { History, Run } from '../src/types.js';
import { history, run } from '../test/factory.js';

const config: Config = structuredClone(DEFAULT_CONFIG);
const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/logs-stack/${name}`, import.meta.url), 'utf8');

function testRun(id: number, conclusion: Run['conclusion'] = 'success'): Run {
  const r = run({
    id,
    jobs: [
      {
        id: id * 10,
        name: 'test',
        conclusion,
        steps: [
          ['Run npm test', 60],
          ['Upload coverage', 10],
        ],
      },
    ],
  });
  return { ...r, conclusion };
}

function withLogs(logs: string[], conclusion: Run['conclusion'] = 'success'): History {
  const runs = logs.map((_, i) => testRun(i + 1, conclusion));
  const h = history(runs);
  logs.forEach((log, i) => {
    h.logs[String((i + 1) * 10)] = digestLogText((i + 1) * 10, fixture(log), config);
  });
  return h;
}

describe('coverage: the tools’ own lines on passing runs', () => {
  it.each([
    ['codecov/v4-upload-failed.txt', /Coverage upload fails/, 'Codecov: Failed to properly upload report'],
    ['codecov/cli-failed.txt', /Coverage upload fails/, 'Upload failed: {"message":"Token required'],
    ['coveralls/not-processible.txt', /Coverage upload fails/, 'not processible by Coveralls'],
    ['coveragepy/no-data.txt', /Coverage collected no data/, 'CoverageWarning: No data was collected'],
    ['coveralls/file-missing.txt', /Coverage file not found/, "Couldn't find specified file: coverage/lcov.info"],
  ])('%s in two passing runs is reported', (log, title, line) => {
    const f = coverageRule.run(withLogs([log, log, 'codecov/success.txt']), config);
    expect(f).toHaveLength(1);
    expect(f[0]!.title).toMatch(title);
    expect(f[0]!.detail).toContain(line);
    expect(f[0]!.frequency.runs).toBe(2);
  });

  it('reports codecov finding no report once, as a missing file (its wrapper line follows from it)', () => {
    const f = coverageRule.run(withLogs(['codecov/no-reports.txt', 'codecov/no-reports.txt']), config);
    expect(f.map((x) => x.title)).toEqual(['Coverage file not found in CI / test (2 passing runs)']);
  });

  it('does not report one failed upload (a hiccup)', () => {
    const logs = ['codecov/v4-upload-failed.txt', 'codecov/success.txt', 'codecov/success.txt'];
    expect(coverageRule.run(withLogs(logs), config)).toEqual([]);
  });

  it('does not report failed runs: a failed test job explains a missing report', () => {
    const logs = ['coveralls/file-missing.txt', 'coveralls/file-missing.txt', 'coveralls/file-missing.txt'];
    expect(coverageRule.run(withLogs(logs, 'failure'), config)).toEqual([]);
  });

  it('does not report successful uploads', () => {
    expect(coverageRule.run(withLogs(['codecov/success.txt', 'codecov/success.txt']), config)).toEqual([]);
  });

  it('still reports the delivery diagnostic, with any unit name', () => {
    const h = withLogs(['codecov/success.txt']);
    h.logs['10'] = digestLogText(10, '  MISMATCH: 2 shards delivered junit but not .coverage', config);
    const f = coverageRule.run(h, config);
    expect(f.map((x) => x.title)).toEqual(['Coverage data dropped in CI / test']);
  });

  it('TRAP: a MISMATCH line about something else than coverage is not a coverage finding', () => {
    const h = withLogs(['codecov/success.txt']);
    h.logs['10'] = digestLogText(10, '  MISMATCH: 2 packages delivered to the wrong registry', config);
    expect(coverageRule.run(h, config)).toEqual([]);
  });
});

describe('coverage: an upload failure that is also a warning annotation is one finding', () => {
  // codecov-action v4 reports a failed upload with core.warning: an annotation of the job too.
  const CODECOV =
    "Codecov: Failed to properly upload report: The process '/home/runner/work/_actions/codecov/codecov-action/v4/dist/codecov' failed with exit code 1";
  function warned(message: string): History {
    const h = withLogs([
      'codecov/v4-upload-failed.txt',
      'codecov/v4-upload-failed.txt',
      'codecov/v4-upload-failed.txt',
    ]);
    for (const r of h.runs)
      r.jobs[0]!.annotations = [{ path: '.github', startLine: null, level: 'warning', title: null, message }];
    return h;
  }

  it('folds the warning into the coverage finding of its job', () => {
    const found = runRules(warned(CODECOV), config, [warningsRule, coverageRule]);
    expect(found.map((f) => f.category)).toEqual(['coverage']);
    expect(found[0]!.title).toMatch(/Coverage upload fails in CI \/ test \(3 passing runs\)/);
    expect(found[0]!.detail).toContain(`"${CODECOV}" Seen in 3 runs`);
  });

  it('TRAP: another warning of the same job stays a warning finding', () => {
    const other = 'No files were found with the provided path: coverage/. No artifacts will be uploaded.';
    const found = runRules(warned(other), config, [warningsRule, coverageRule]);
    expect(found.map((f) => f.category).sort()).toEqual(['coverage', 'warning']);
    expect(found.find((f) => f.category === 'warning')!.causedBy).toBeUndefined();
  });
});
