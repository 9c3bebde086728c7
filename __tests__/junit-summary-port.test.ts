import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { postCheck, readJunit, renderSummary } from '../test/world/junit-summary.js';

const DIR = join(import.meta.dirname, 'fixtures', 'summaries');
const read = (p: string): string => readFileSync(join(DIR, p), 'utf8');
const HEADING = 'Unit + Integration Tests: retry + flaky summary';

const flakyIds = (dir: string): Set<string> => {
  try {
    return new Set(read(`${dir}/flaky_tests_1.txt`).split('\n').filter(Boolean));
  } catch {
    return new Set();
  }
};

describe('the port of junit_test_summary.py (mngr f86dc71ad3ed)', () => {
  it.each([
    ['pass', 'summary.md', undefined],
    ['neutral', 'summary.md', undefined],
    ['neutral', 'summary-cut.md', 2200],
    ['failure', 'summary.md', undefined],
    ['failure', 'summary-cut.md', 3000],
  ])('renders %s/%s byte for byte as the real generator did', (dir, file, maxChars) => {
    const attempts = readJunit(read(`${dir}/junit.xml`));
    expect(attempts.length).toBeGreaterThan(5);
    const got = renderSummary(attempts, { flakyIds: flakyIds(dir), heading: HEADING, maxChars });
    expect(got).toBe(read(`${dir}/${file}`));
  });

  it('classifies and prefixes the intro as the composite action does', () => {
    const pass = postCheck('success', readJunit(read('pass/junit.xml')), { heading: HEADING });
    expect(pass.conclusion).toBe('success');
    expect(pass.summary).toBe(read('pass/summary.md').replace(/\n+$/, ''));
    const neutral = postCheck('success', readJunit(read('neutral/junit.xml')), { heading: HEADING });
    expect(neutral.conclusion).toBe('neutral');
    expect(neutral.summary.startsWith('One or more tests failed on first attempt but passed on retry.')).toBe(true);
    expect(neutral.summary).toContain(`and details.\n\n## ${HEADING}`);
    const failed = postCheck('failure', readJunit(read('failure/junit.xml')), { heading: HEADING });
    expect(failed).toMatchObject({ conclusion: 'failure', title: 'Tests failed' });
  });

  it('counts and cuts by code points, as Python does (a non-BMP id)', () => {
    const id = 't[😀]';
    const md = renderSummary([{ name: id, failures: [{ kind: 'failure', message: '😀'.repeat(201), body: 'x' }] }]);
    expect(md).toContain(`failure: ${'😀'.repeat(200)}...</summary>`);
  });
});
