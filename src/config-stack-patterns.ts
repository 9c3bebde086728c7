/**
 * The built-in `logs.patterns`, each the exact output of the tool named beside it (for caches,
 * image builds and coverage, sources in __tests__/fixtures/logs-stack/SOURCES.md). The digester
 * tests a line with its `##[warning]` / `##[error]` marker in front, so a prefix allows for both.
 * Rules read them by key (rules/cache-misses.ts, rules/docker-layers.ts, rules/coverage.ts, …);
 * a user's list for a key replaces the built-in one, so every key here is the whole default.
 */

/** A line that an annotation marker or actions/cache's own `[warning]` prefix may precede. */
const MARKED = '^(?:##\\[(?:warning|error)\\]|\\[warning\\])?';

export const CACHE_PATTERNS: Record<string, string[]> = {
  // actions/cache src/restoreImpl.ts: neither the key nor a restore key matched.
  cacheNotFound: ['^Cache not found for input keys: \\S'],
  // actions/cache, setup-node/python/go/java: a hit (the primary key or a restore key).
  cacheRestored: ['^Cache restored from key: \\S', '^Cache hit occurred on the primary key \\S'],
  // actions/cache `Cache saved with key:`; setup-node/python/go/java `Cache saved with the key:`.
  // @actions/cache's own `Cache saved successfully` (all that actions/cache v2 printed) names no key.
  cacheSaved: ['^Cache saved with (?:the )?key: \\S', '^Cache saved successfully'],
  // @actions/cache (packages/cache/src/cache.ts) and actions/cache save-only's summary line.
  cacheSaveFailed: [
    `${MARKED}Failed to save: `,
    `${MARKED}Unable to reserve cache with key `,
    `${MARKED}Cache reservation failed: `,
    `${MARKED}Cache save failed\\.`,
  ],
  // setup-node (npm, yarn, pnpm), setup-python (pip, pipenv, poetry), setup-java (maven, gradle, sbt), setup-go.
  setupCacheMiss: [
    '^(?:npm|yarn|pnpm|pip|pipenv|poetry|maven|gradle|sbt) cache is not found\\s*$',
    '^Cache is not found\\s*$',
  ],
};

export const DOCKER_PATTERNS: Record<string, string[]> = {
  // BuildKit plain progress (moby/buildkit util/progress/progressui/printer.go): a Dockerfile step's header.
  buildkitStep: ['^#\\d+ \\[[\\w.-]*\\s?\\d+/\\d+\\] \\S'],
  buildkitCached: ['^#\\d+ CACHED\\s*$'],
  // A cache import, and a vertex's error (the rule counts one only on an import's own vertex:
  // `#5 importing cache manifest from …` then `#5 ERROR: failed to configure registry cache importer: …`).
  buildkitCacheImport: ['^#\\d+ importing cache manifest from \\S'],
  buildkitError: ['^#\\d+ ERROR: \\S'],
  // buildx's last line when the build failed: its cache is exported only after a build succeeds.
  buildkitFailed: ['^(?:ERROR|error): failed to solve: '],
  // docker/build-push-action echoes the buildx command it runs.
  buildxCommand: ['^/usr/bin/docker buildx build '],
};

export const COVERAGE_PATTERNS: Record<string, string[]> = {
  coverageUploadFailed: [
    // codecov-action v4 (src/index.ts, helpers.ts setFailure): a warning, or an error with fail_ci_if_error.
    `${MARKED}Codecov: Failed to properly (?:upload|create) (?:report|commit)`,
    `${MARKED}Codecov: Encountered an unexpected error`,
    // codecov-action v5 (dist/codecov.sh exit_if_error): the wrapper's own line.
    '^==> Failed to run (?:upload-coverage|do-upload|create-commit|create-report|upload-process|send-notifications)\\b',
    // codecov-cli (helpers/request.py, logging_utils.py `level - time -- message`).
    '^error - \\d{4}-\\d\\d-\\d\\d [\\d:,]+ -- \\S.* failed: ',
    // coverallsapp/coverage-reporter (src/coverage_reporter/cli/cmd.cr).
    '🚨 Oops! It looks like your request was not processible by Coveralls',
    '⚠️ Internal server error\\. Please contact Coveralls team',
  ],
  // coverage.py (coverage/control.py `_warn`, report_core.py).
  coverageNoData: ['CoverageWarning: No data was collected\\.', '^No data to report\\.\\s*$'],
  coverageFileMissing: [
    // codecov-cli services/upload/upload_collector.py (click prints `Error: …`).
    "No coverage reports found\\. Please make sure you're generating reports successfully",
    // coverallsapp/coverage-reporter src/coverage_reporter/parser.cr, reporter.cr.
    "🚨 ERROR: Couldn't find specified file: ",
    '🚨 Nothing to report',
    // Common wording of other uploaders and report actions.
    '\\bNo coverage report found\\b',
    '\\bCould not find coverage file\\b',
  ],
};

/** Every built-in pattern key and its list: the default of `logs.patterns`. */
export const DEFAULT_PATTERNS: Record<string, string[]> = {
  // offload v0.9.10 src/image_cache.rs prints these to stderr when it builds the base image.
  cacheMiss: [
    '^\\[cache\\] [\\w-]+ miss: no cached image',
    '^\\[cache\\] (?:[\\w-]+ )?thin diff failed, falling back to (?:base|full) build',
    '\\bbuilding base image\\b',
    '\\bbase image not found\\b',
  ],
  // offload's tracing WARN lines (src/image_cache.rs, wrapping src/git.rs errors) and what git
  // itself prints when a fetch or push of the notes ref fails: each one counts.
  notesFetchFailed: [
    'Failed to (?:fetch|push) notes: ',
    'git (?:fetch|push) notes failed: ',
    '^ ?! \\[(?:remote )?rejected\\] +refs/notes/',
    "couldn't find remote ref refs/notes/",
  ],
  // git's generic failure lines (permission, 403, host): they name no ref, so they count for the
  // notes only in a line or step that names the notes (rules/image-rebuild.ts).
  gitRemoteFailed: [
    '^remote: Permission to \\S+ denied to ',
    "^\\s*fatal: unable to access '[^']*': (?:The requested URL returned error: 403|Could not resolve host)",
  ],
  // A coverage-delivery diagnostic's output line (`  MISMATCH: 3 <units> delivered junit but not .coverage`), never its script.
  coverageMismatch: ['^ *MISMATCH: \\d+ [\\w.-]+ delivered '],
  ...CACHE_PATTERNS,
  ...DOCKER_PATTERNS,
  ...COVERAGE_PATTERNS,
  // GitHub's own lines for a job over `timeout-minutes` and a step over its `timeout-minutes`
  // (a test's "connection has timed out" is not a job timeout). On RE2: `The action .* has timed
  // out` is quadratic on a backtracking engine.
  timeout: ['exceeded the maximum execution time', 'The action .* has timed out after'],
  runnerLost: [
    'The runner has received a shutdown signal',
    'lost communication with the server',
    'The hosted runner encountered an error',
  ],
  // actions/checkout's own fetch command line; its `with:` echo (`fetch-depth: 0`) is not output.
  fullHistoryFetch: ['\\+refs/heads/\\*:refs/remotes/origin/\\*'],
  error: ['^##\\[error\\]'],
  warning: ['^##\\[warning\\]'],
  /** A test runner naming a failed test and why (pytest, go test, jest): a failed job's reason. */
  testFailure: [
    '^(FAILED|ERROR) \\S+::\\S+',
    '^\\s*--- FAIL: \\S+',
    '^\\s*● \\S.* › \\S',
    // Playwright: `  1) [chromium] › a.spec.ts:3:5 › title ───`
    '^\\s*\\d+\\) (?:\\[[^\\]]+\\] › )?\\S+:\\d+:\\d+ › \\S',
  ],
};
