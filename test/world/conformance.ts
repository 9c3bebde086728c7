/**
 * Compile-time check that the world's raw shapes agree with GitHub's OpenAPI description
 * (@octokit/openapi-types, installed with @actions/github): every field the world sets has
 * the type GitHub documents. `npx tsc --noEmit` fails if a shape drifts. A run's embedded
 * repositories are GitHub's `minimal-repository` in full (its URL fields make a run ~12 KB, as
 * GitHub's do: the bench's memory figures depend on it); check runs' `app` is kept short.
 */
import type { components } from '@octokit/openapi-types';
import type {
  RawAnnotation,
  RawCheckRun,
  RawIssue,
  RawJob,
  RawLabel,
  RawMinimalRepo,
  RawPull,
  RawRepo,
  RawRun,
  RawWorkflow,
} from './types.js';

type S = components['schemas'];

export const conforms = {
  run: (
    x: RawRun,
  ): Partial<Omit<S['workflow-run'], 'repository' | 'head_repository'>> & {
    repository: Partial<S['minimal-repository']>;
    head_repository: Partial<S['minimal-repository']>;
  } => x,
  minimalRepo: (x: RawMinimalRepo): Partial<S['minimal-repository']> => x,
  job: (x: RawJob): Partial<S['job']> => x,
  workflow: (x: RawWorkflow): Partial<S['workflow']> => x,
  checkRun: (x: RawCheckRun): Partial<Omit<S['check-run'], 'app'>> => x,
  annotation: (x: RawAnnotation): Partial<S['check-annotation']> => x,
  issue: (x: RawIssue): Partial<S['issue']> => x,
  label: (x: RawLabel): Partial<S['label']> => x,
  pull: (x: RawPull): Partial<Omit<S['pull-request-simple'], 'labels' | 'head' | 'base'>> => x,
  repo: (x: RawRepo): Partial<S['full-repository']> => x,
};
