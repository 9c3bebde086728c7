// ncc emits ESM bundles; Node needs a package.json with "type": "module" beside each to load them.
import { chmodSync, writeFileSync } from 'node:fs';
for (const dir of ['../dist/', '../dist/cli/']) {
  writeFileSync(new URL(`${dir}package.json`, import.meta.url), '{\n  "type": "module"\n}\n');
}
chmodSync(new URL('../dist/cli/index.js', import.meta.url), 0o755);
