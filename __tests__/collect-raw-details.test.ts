/**
 * Annotation details reach the history from both collectors: test reporters put their test
 * lists and tracebacks there (EnricoMi/publish-unit-test-result-action's "N tests found"
 * notices), and GitHub allows 64 KB of them, so only the first RAW_DETAILS_MAX are kept.
 */
import { describe, expect, it } from '@jest/globals';
import { toAnnotationGql } from '../src/github/graphql.js';
import { RAW_DETAILS_MAX, toAnnotation } from '../src/collect/map.js';

describe('annotation raw details', () => {
  const list = 'tests.test_a.TestA ‑ test_one\ntests.test_a.TestA ‑ test_two';

  it('are kept from REST (raw_details) and GraphQL (rawDetails) alike', () => {
    const rest = toAnnotation({
      path: '.github',
      annotation_level: 'notice',
      title: '2 tests found',
      message: 'There are 2 tests, see "Raw output" for the full list of tests.',
      raw_details: list,
    });
    const gql = toAnnotationGql({
      path: '.github',
      annotationLevel: 'NOTICE',
      title: '2 tests found',
      message: 'There are 2 tests, see "Raw output" for the full list of tests.',
      rawDetails: list,
    });
    expect(rest.rawDetails).toBe(list);
    expect(gql).toEqual(rest);
  });

  it('are left out when absent or empty, and cut to the cap when huge', () => {
    expect(toAnnotation({ path: 'a', annotation_level: 'failure', message: 'm' })).not.toHaveProperty('rawDetails');
    expect(toAnnotation({ path: 'a', annotation_level: 'failure', message: 'm', raw_details: '' })).not.toHaveProperty(
      'rawDetails',
    );
    const huge = 'x'.repeat(65_536);
    expect(
      toAnnotation({ path: 'a', annotation_level: 'failure', message: 'm', raw_details: huge }).rawDetails,
    ).toHaveLength(RAW_DETAILS_MAX);
  });
});
