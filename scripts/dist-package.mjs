// ncc emits ESM bundles; Node needs a package.json with "type": "module" beside each to load them.
// dist/index.js is the action's entry (src/launch.ts), which runs the audit, dist/audit/, in a worker.
// RE2's WebAssembly is loaded from the bundle's folder at run time (src/parse/patterns.ts).
import { chmodSync, copyFileSync, writeFileSync } from 'node:fs';
const wasm = new URL('../node_modules/@adguard/re2-wasm/build/wasm/re2.wasm', import.meta.url);
writeFileSync(new URL('../dist/package.json', import.meta.url), '{\n  "type": "module"\n}\n');
for (const dir of ['../dist/audit/', '../dist/cli/']) {
  writeFileSync(new URL(`${dir}package.json`, import.meta.url), '{\n  "type": "module"\n}\n');
  copyFileSync(wasm, new URL(`${dir}re2.wasm`, import.meta.url));
}
chmodSync(new URL('../dist/cli/index.js', import.meta.url), 0o755);
