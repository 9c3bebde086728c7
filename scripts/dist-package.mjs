// ncc emits ESM bundles; Node needs a package.json with "type": "module" beside each to load them.
// RE2's WebAssembly is loaded from the bundle's folder at run time (src/parse/patterns.ts).
import { chmodSync, copyFileSync, writeFileSync } from 'node:fs';
const wasm = new URL('../node_modules/@adguard/re2-wasm/build/wasm/re2.wasm', import.meta.url);
for (const dir of ['../dist/', '../dist/cli/']) {
  writeFileSync(new URL(`${dir}package.json`, import.meta.url), '{\n  "type": "module"\n}\n');
  copyFileSync(wasm, new URL(`${dir}re2.wasm`, import.meta.url));
}
chmodSync(new URL('../dist/cli/index.js', import.meta.url), 0o755);
