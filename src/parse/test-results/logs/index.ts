/**
 * The test runners read in job logs: one parser per runner, one line each. Every log gets a
 * fresh reader from each (src/parse/log-digest.ts).
 */
import type { LogTestParser } from '../types.js';
import { cargoParser } from './cargo.js';
import { cypressParser } from './cypress.js';
import { goParser } from './go.js';
import { gradleParser } from './gradle.js';
import { jestParser } from './jest.js';
import { nextestParser } from './nextest.js';
import { playwrightParser } from './playwright.js';
import { pytestParser } from './pytest.js';
import { rspecParser } from './rspec.js';
import { surefireParser } from './surefire.js';
import { vitestParser } from './vitest.js';

export const LOG_TEST_PARSERS: readonly LogTestParser[] = [
  pytestParser,
  jestParser,
  vitestParser,
  playwrightParser,
  goParser,
  cargoParser,
  nextestParser,
  surefireParser,
  gradleParser,
  rspecParser,
  cypressParser,
];
