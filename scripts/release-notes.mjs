// The CHANGELOG.md entry of one version, for the GitHub release's notes (release.yml):
//   node scripts/release-notes.mjs 1.2.3 [CHANGELOG.md]
// Keep a Changelog headings: `## [1.2.3] - 2026-12-01`. Exits 1 when the entry is missing or empty.
import { readFileSync } from 'node:fs';

const [version, file = 'CHANGELOG.md'] = process.argv.slice(2);
if (!version) {
  process.stderr.write('usage: node scripts/release-notes.mjs VERSION [CHANGELOG.md]\n');
  process.exit(2);
}
const lines = readFileSync(file, 'utf8').split('\n');
const heading = (l) => /^## /.test(l);
const start = lines.findIndex((l) => heading(l) && l.slice(3).replace(/^\[|\].*$|\s.*$/g, '') === version);
if (start === -1) {
  process.stderr.write(`${file} has no entry "## [${version}]": rename [Unreleased] to it before releasing\n`);
  process.exit(1);
}
const end = lines.findIndex((l, i) => i > start && heading(l));
const body = lines
  .slice(start + 1, end === -1 ? undefined : end)
  .join('\n')
  .trim();
if (!body) {
  process.stderr.write(`${file}: the entry of ${version} is empty\n`);
  process.exit(1);
}
process.stdout.write(`${body}\n`);
