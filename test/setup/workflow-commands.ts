/**
 * Jest setup (setupFilesAfterEnv): code under test that runs in-process (run() of main.ts)
 * writes @actions/core's workflow commands (`::error::`, `::group::`, `::add-mask::`) to
 * process.stdout. On GitHub the `npm test` step would turn them into annotations, masks and
 * groups of our own CI run, so here they go to a buffer instead, which tests read through
 * `workflowCommands()` (test/workflow-commands.ts). Other output passes through unchanged.
 */
import { afterAll } from '@jest/globals';
import { installCommandBuffer } from '../workflow-commands.js';

const restore = installCommandBuffer(process.stdout);
afterAll(restore);
