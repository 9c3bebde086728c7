// The CLI's --version: package.json's version, written into the source so the bundle carries it
// (tsc's rootDir is src/, so the bundle cannot import package.json itself). A test checks the two agree.
import { readFileSync, writeFileSync } from 'node:fs';
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const text = `/** Written by scripts/version.mjs from package.json (npm run build). */\nexport const VERSION = '${version}';\n`;
const file = new URL('../src/version.ts', import.meta.url);
let old = '';
try {
  old = readFileSync(file, 'utf8');
} catch {
  // first build
}
if (old !== text) writeFileSync(file, text);
