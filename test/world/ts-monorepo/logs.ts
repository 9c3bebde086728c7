/**
 * The job logs of the TypeScript-monorepo example (acme/storefront), step by step, in the
 * runner's raw format (../runner-format.ts). Every tool line follows a real output excerpt
 * in our fixtures (each generator names its own); only names, keys, counts and times are ours.
 */
import { checkout, setUpJob, type Ctx, type Item } from '../logs.js';
import { runStep, usesStep } from '../runner-format.js';
import type { RawStep, TsLogSpec } from '../types.js';
import { FLAKY_JEST, FLAKY_PW, PW_REASON } from './plans.js';

const modulesKey = (t: TsLogSpec): string => `modules-Linux-${t.lockHash}`;
const turboKey = (t: TsLogSpec): string => `turbo-Linux-${t.runId}`;

/**
 * actions/cache restore and its post step: __tests__/fixtures/logs-stack/actions-cache/
 * lockfile-hit.txt, lockfile-miss.txt (a hashFiles key) and miss-run-key.txt (a key holding
 * a per-run value), lines of actions/cache src/restoreImpl.ts, saveImpl.ts.
 */
function cacheRestore(key: string, path: string, hit: boolean): Item[] {
  return [
    ...usesStep('actions/cache@v4', { path, key }),
    ...(hit ? [`Cache Size: ~112 MB (117440512 B)`, `Cache restored from key: ${key}`] : []),
    ...(hit ? [] : [`Cache not found for input keys: ${key}`]),
  ];
}
function cacheSave(key: string, hit: boolean): Item[] {
  return [
    `Post job cleanup.`,
    hit ? `Cache hit occurred on the primary key ${key}, not saving cache.` : `Cache saved with key: ${key}`,
  ];
}

/**
 * jest-circus with `retryTimes(2, { logErrorsBeforeRetry: true })`: runners/jest/retry-logged-then-passed.txt
 * (` LOGGING RETRY ERRORS  <full name>`, one ` RETRY n ` block per failed try, then `PASS`). The
 * error is jest-circus's test timeout (`thrown: "Exceeded timeout of 5000 ms for a test.` and its
 * hint line), as real jest logs pasted in public repositories show it.
 */
function retryBlock(n: number): string[] {
  return [
    ` RETRY ${n} `,
    '',
    `    thrown: "Exceeded timeout of 5000 ms for a test.`,
    `    Add a timeout value to this test to increase the timeout, if this is a long-running test. See https://jestjs.io/docs/api#testname-fn-timeout."`,
    '',
    `      40 |   });`,
    `      41 |`,
    `    > 42 |   it('refreshes an expired token', async () => {`,
    `         |   ^`,
    `      43 |     const res = await store.refresh(expired);`,
    '',
    `      at it (${FLAKY_JEST.file}:42:3)`,
    '',
  ];
}

/** A passing file as jest --verbose lists it (runners/jest/describe-only-each-pass.txt). */
const passFile = (file: string, describe: string, tests: string[]): string[] => [
  `PASS ${file}`,
  `  ${describe}`,
  ...tests.map((t, i) => `    ✓ ${t} (${3 + i} ms)`),
];

function jest(t: TsLogSpec): Item[] {
  const failed = t.jestFlake === 'failed';
  const out: Item[] = [
    ...runStep('npx jest --ci --coverage --verbose'),
    ...passFile('packages/api/src/__tests__/cart.test.ts', 'Cart', ['adds an item', 'removes an item', 'sums totals']),
    // it.each with a constant title: one test run three times by design, never failing (a decoy).
    ...passFile('packages/ui/src/__tests__/price.test.ts', 'formatPrice', [
      'rounds to cents',
      'rounds to cents',
      'rounds to cents',
    ]),
  ];
  if (t.jestFlake) {
    out.push(`LOGGING RETRY ERRORS  ${FLAKY_JEST.describe} ${FLAKY_JEST.name}`, ...retryBlock(1));
    if (failed) out.push(...retryBlock(2));
  }
  if (failed)
    // A test that failed in the end: its `●` block (runners/jest/each-failure.txt, two-errors-one-test.txt).
    out.push(
      `FAIL ${FLAKY_JEST.file}`,
      `  ${FLAKY_JEST.describe}`,
      `    ✕ ${FLAKY_JEST.name} (5004 ms)`,
      `    ✓ revokes a token (4 ms)`,
      '',
      `  ● ${FLAKY_JEST.describe} › ${FLAKY_JEST.name}`,
      '',
      `    thrown: "Exceeded timeout of 5000 ms for a test.`,
      '',
      `      at it (${FLAKY_JEST.file}:42:3)`,
      '',
    );
  else out.push(...passFile(FLAKY_JEST.file, FLAKY_JEST.describe, [FLAKY_JEST.name, 'revokes a token']));
  out.push(
    ...passFile('packages/web/src/__tests__/search.test.tsx', 'SearchBox', ['debounces input', 'shows results']),
  );
  // jest's SummaryReporter totals (`Test Suites: 1 passed, 1 total`, `Tests: …`, `Time: …`), as in real pasted logs.
  out.push(
    '',
    `Test Suites: ${failed ? '1 failed, 3 passed' : '4 passed'}, 4 total`,
    `Tests:       ${failed ? '1 failed, 9 passed' : '10 passed'}, 10 total`,
    `Snapshots:   0 total`,
    `Time:        48.213 s`,
    `Ran all test suites.`,
  );
  if (failed) out.push(`##[error]Process completed with exit code 1.`);
  return out;
}

/**
 * codecov/codecov-action@v5: logs-stack/codecov/success.txt and cli-failed.txt (codecov-cli's
 * `level - time -- message` lines, the wrapper's `==> Failed to run upload-coverage`). The
 * `with:` echo names `fail_ci_if_error`: a benign "error" in every run (a decoy).
 */
function codecov(t: TsLogSpec): Item[] {
  // codecov-cli stamps its lines itself (Python logging: `2025-01-20 09:12:03,441`).
  const cli = (level: string, message: string): Item => ({
    stamped: (iso) => `${level} - ${iso.slice(0, 10)} ${iso.slice(11, 19)},${iso.slice(20, 23)} -- ${message}`,
  });
  return [
    ...usesStep('codecov/codecov-action@v5', { files: './coverage/lcov.info', fail_ci_if_error: 'false' }),
    cli('info', 'Found 1 coverage files to report'),
    cli('info', '> /home/runner/work/storefront/storefront/coverage/lcov.info'),
    ...(t.codecovFailed
      ? [
          cli('error', 'Upload failed: {"message":"Token required - not valid tokenless upload"}'),
          `==> Failed to run upload-coverage`,
        ]
      : [cli('info', 'Process Upload complete')]),
  ];
}

/**
 * Playwright's list reporter with `retries: 2` (runners/playwright/list-render-retries.txt: a
 * line as each test starts, `✘`/`✓` with ordinal and duration, `(retry #1)`), the failure block
 * (`  1) [chromium] › file:line:col › title ───`, then the error: the toHaveText timeout as
 * microsoft/playwright tests/page/expect-matcher-result.spec.ts @ 5aa778eb8bc898356e452877a58c5de7587b0306
 * expects it, `Locator:` / `Expected string:` / `Received string:`) and the summary
 * (runners/playwright/docs-test-retries.txt: `Running N tests using N workers`, `1 flaky`, its tests, `N passed`).
 */
function playwright(t: TsLogSpec): Item[] {
  const specs = [
    'cart.spec.ts:12:5 › cart › adds an item to the cart',
    'cart.spec.ts:30:5 › cart › removes an item',
    'search.spec.ts:8:5 › search › finds a product by name',
    'checkout.spec.ts:42:7 › checkout › applies a discount code',
  ];
  const out: Item[] = [...runStep('npx playwright test --reporter=list'), '', `Running 8 tests using 2 workers`, ''];
  let n = 0;
  const line = (mark: string, id: string, ms: number, retry = ''): void => {
    n++;
    out.push(`     ${n} ${id}${retry}`, `  ${mark}  ${n} ${id}${retry} (${ms}ms)`);
  };
  for (const project of ['chromium', 'firefox'])
    for (const s of specs) {
      const id = `[${project}] › ${s}`;
      if (t.pwFlake && id === FLAKY_PW) {
        line('✘', id, 5123);
        line('✓', id, 2210, ' (retry #1)');
      } else line('✓', id, 900 + 37 * s.length);
    }
  out.push('');
  if (t.pwFlake)
    out.push(
      `  1) ${FLAKY_PW} ──────────────────────────────`,
      '',
      `    ${PW_REASON}`,
      '',
      `    Locator: getByTestId('order-total')`,
      `    Expected string: "$90.00"`,
      `    Received string: "$100.00"`,
      '',
      `  1 flaky`,
      `    ${FLAKY_PW}`,
      `  7 passed (1.4m)`,
    );
  else out.push(`  8 passed (1.3m)`);
  // TWIN_PW, the same test in the firefox project, passes every time: one test per project, not a retry.
  return out;
}

/**
 * docker/build-push-action@v6 with BuildKit's plain progress: logs-stack/buildkit/cached.txt
 * (`#N CACHED` after `importing cache manifest from gha:…`), rebuilt-no-cache-to.txt (a command
 * with `--cache-from` only: every step `#N DONE`), copy-changed.txt (a changed COPY and the
 * steps after it run again). Our Dockerfile: a Node image of one app of the monorepo.
 */
function buildPush(c: Ctx, t: TsLogSpec): Item[] {
  const app = t.job === 'image-api' ? 'api' : 'web';
  const writes = app === 'web';
  const from = `type=gha,scope=${app}`;
  const to = writes ? `type=gha,scope=${app},mode=max` : null;
  const tmp = `/home/runner/work/_temp/docker-actions-toolkit-${c.rng.hex(6)}`;
  const steps: [number, string, string][] = [
    [8, '2/6', 'WORKDIR /app'],
    [9, '3/6', 'COPY package.json package-lock.json ./'],
    [6, '4/6', 'RUN npm ci --omit=dev'],
    [10, '5/6', `COPY apps/${app} ./apps/${app}`],
    [11, '6/6', `RUN npm run build --workspace apps/${app}`],
  ];
  const out: Item[] = [
    ...usesStep('docker/build-push-action@v6', {
      context: '.',
      file: `apps/${app}/Dockerfile`,
      tags: `ghcr.io/acme/storefront-${app}:ci`,
      'cache-from': from,
      ...(to ? { 'cache-to': to } : {}),
    }),
    `/usr/bin/docker buildx build --cache-from ${from}${to ? ` --cache-to ${to}` : ''} --file apps/${app}/Dockerfile --iidfile ${tmp}/build-iidfile-${c.rng.hex(10)}.txt --tag ghcr.io/acme/storefront-${app}:ci .`,
    `#5 importing cache manifest from gha:${14257732373759164261n + BigInt(app === 'api' ? 0 : 7)}`,
    `#5 DONE 0.8s`,
  ];
  // Without cache-to nothing is ever exported: every step runs (FROM is pulled each time too).
  const rebuiltFrom = !writes ? 0 : t.lockChanged ? 1 : steps.length;
  if (!writes) out.push(`#4 [1/6] FROM docker.io/library/node:20-alpine@sha256:${c.rng.hex(64)}`, `#4 DONE 8.1s`);
  steps.forEach(([v, pos, text], i) => {
    out.push(`#${v} [${pos}] ${text}`);
    if (i < rebuiltFrom) out.push(`#${v} CACHED`);
    else out.push(`#${v} DONE ${text.startsWith('RUN') ? `${c.rng.int(12, 45)}.${c.rng.int(0, 9)}s` : '0.1s'}`);
  });
  return out;
}

/**
 * The items of one step of a TypeScript-monorepo job. Steps no rule reads (setup-node's
 * `Found in cache @ …`, npm's `added N packages`, turbo's task lines) print one ordinary line.
 */
export function tsStepItems(c: Ctx, step: RawStep, t: TsLogSpec): Item[] {
  const n = step.name;
  if (n === 'Set up job') return setUpJob(c);
  if (n === 'Run actions/checkout@v4') return checkout(c);
  if (n === 'Run actions/setup-node@v4')
    return [
      ...usesStep('actions/setup-node@v4', { 'node-version': 20 }),
      'Found in cache @ /opt/hostedtoolcache/node/20.18.0/x64',
    ];
  if (n === 'Cache node_modules') return cacheRestore(modulesKey(t), 'node_modules', t.modulesHit);
  if (n === 'Cache turbo') return cacheRestore(turboKey(t), '.turbo', false);
  if (n === 'Post Cache node_modules') return cacheSave(modulesKey(t), t.modulesHit);
  if (n === 'Post Cache turbo') return cacheSave(turboKey(t), false);
  if (n === 'Install dependencies')
    return [...runStep('npm ci'), `added 1412 packages, and audited 1413 packages in 41s`];
  if (n === 'Build packages')
    return [...runStep('npx turbo run build'), `• Running build in 4 packages`, ` Tasks:    4 successful, 4 total`];
  if (n === 'Run unit tests') return jest(t);
  if (n === 'Upload coverage to Codecov') return codecov(t);
  if (n === 'Install Playwright browsers') return runStep('npx playwright install --with-deps chromium firefox');
  if (n === 'Run e2e tests') return playwright(t);
  if (n === 'Set up Docker Buildx') return usesStep('docker/setup-buildx-action@v3', {});
  if (n === 'Build image') return buildPush(c, t);
  if (n.startsWith('Post Run')) return [`Post job cleanup.`];
  if (n === 'Complete job') return [`Cleaning up orphan processes`];
  return runStep(n);
}
