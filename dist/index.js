import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ // The require scope
/******/ var __nccwpck_require__ = {};
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/************************************************************************/
var __webpack_exports__ = {};

// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  O: () => (/* binding */ YOUNG_GENERATION_MB)
});

;// CONCATENATED MODULE: external "node:worker_threads"
const external_node_worker_threads_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");
;// CONCATENATED MODULE: ./lib/launch.js
/**
 * The action's entry (dist/index.js): runs the audit (dist/audit/index.js) in a worker thread
 * whose young generation is capped. The runner starts `node dist/index.js` with no flags, and
 * V8 sizes its heap from the machine's memory: on a 16 GB runner a 1,000-run audit's short-lived
 * objects (log lines, API answers) grew the young generation past 100 MB and the heap to 250 MB
 * for ~40 MB of live data. A worker's heap can be sized where the process's cannot (V8 reads
 * heap flags once, at start). This file loads nothing else: the audit's bundle loads only in
 * the worker, so the process holds one copy of it.
 */

/**
 * Megabytes of young generation: scavenges stay frequent and cheap; what survives them is little.
 * 8, not 4: a cold 1,000-run audit spent ~1.8 s of its 6.8 s of CPU collecting at 4 (~900
 * scavenges), ~1 s at 8, with the same peak RSS at 1,000 and 10,000 runs (bench, side by side).
 */
const YOUNG_GENERATION_MB = 8;
// Joined at run time: the bundler would take a literal `new URL('./…', import.meta.url)` for an
// asset and copy it.
const audit = new URL(['.', 'audit', 'index.js'].join('/'), import.meta.url);
const worker = new external_node_worker_threads_namespaceObject.Worker(audit, {
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
});
worker.on('error', (e) => {
    // main.ts catches what the audit throws; this is a crash of the worker itself.
    process.stdout.write(`::error::audit-ci crashed: ${String(e?.message ?? e).replace(/\r?\n/g, ' ')}\n`);
    process.exitCode = 1;
});
// core.setFailed sets the worker's exit code.
worker.on('exit', (code) => {
    if (code !== 0)
        process.exitCode = code;
});

var __webpack_exports__YOUNG_GENERATION_MB = __webpack_exports__.O;
export { __webpack_exports__YOUNG_GENERATION_MB as YOUNG_GENERATION_MB };
