/** Native ESM jest with SWC (ts-jest does not support TypeScript >= 6.1). */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2023' }, module: { type: 'es6' } },
    ],
  },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testMatch: ['**/__tests__/**/*.test.ts'],
  // Workflow commands written in-process go to a buffer, not to the CI log; property tests run
  // with a fixed seed unless FC_SEED is set (test/setup/, test/README.md).
  setupFilesAfterEnv: ['<rootDir>/test/setup/workflow-commands.ts', '<rootDir>/test/setup/fast-check.ts'],
  testTimeout: 60000,
  // `--coverage` measures src/ as the in-process tests exercise it; the end-to-end tests run the
  // bundled dist/ in a child process, which never counts (and dist/ is never measured).
  coverageProvider: 'v8',
  collectCoverageFrom: ['src/**/*.ts'],
  clearMocks: true,
};
