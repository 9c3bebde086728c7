// ncc emits an ESM bundle; Node needs dist/package.json to load dist/index.js as a module.
import { writeFileSync } from 'node:fs';
writeFileSync(new URL('../dist/package.json', import.meta.url), '{\n  "type": "module"\n}\n');
