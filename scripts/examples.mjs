// Regenerates the example gallery from the bundled histories with the bundled CLI: for each example
// (examples/, the seed-like repository; examples/ts-monorepo/, a TypeScript monorepo) its
// summary.md (job summary), issue.md (tracking-issue body) and report.json, and the first one's
// excerpt in README.md. `--check` fails instead when any of them is stale (CI runs it).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const check = process.argv.includes('--check');
const EXAMPLES = ['examples', 'examples/ts-monorepo'];

/** The three renderings of one example's history, by path from the repository root. */
function render(dir) {
  const history = JSON.parse(readFileSync(join(root, dir, 'history.json'), 'utf8'));
  const out = mkdtempSync(join(tmpdir(), 'audit-ci-examples-'));
  execFileSync(
    process.execPath,
    [
      join(root, 'dist/cli/index.js'),
      '--from-history',
      join(root, dir, 'history.json'),
      '--now',
      history.collectedAt,
      '--markdown',
      join(out, 'summary.md'),
      '--issue-body',
      join(out, 'issue.md'),
      '--json',
      join(out, 'report.json'),
    ],
    { stdio: ['ignore', 'inherit', 'pipe'] },
  );
  return Object.fromEntries(
    ['summary.md', 'issue.md', 'report.json'].map((f) => [`${dir}/${f}`, readFileSync(join(out, f), 'utf8')]),
  );
}

const EXCERPT_LINES = 90;
function excerpt(summary) {
  const lines = summary.trimEnd().split('\n');
  if (lines.length <= EXCERPT_LINES) return lines.join('\n');
  // Cut at a blank line outside code fences and <details>, so the excerpt still renders.
  let fence = false;
  let depth = 0;
  let cut = 0;
  for (let i = 0; i < lines.length && i < EXCERPT_LINES; i++) {
    const l = lines[i];
    if (/^\s*(```|~~~)/.test(l)) fence = !fence;
    if (!fence) depth += (l.match(/<details/g) ?? []).length - (l.match(/<\/details>/g) ?? []).length;
    if (!fence && depth === 0 && l.trim() === '') cut = i;
  }
  return `${lines.slice(0, cut).join('\n')}\n\n_… the full report: [examples/summary.md](examples/summary.md)._`;
}

const files = Object.assign({}, ...EXAMPLES.map(render));
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const start = '<!-- example:start -->\n';
const end = '<!-- example:end -->';
const [head, rest] = readme.split(start);
const tail = rest.slice(rest.indexOf(end));
files['README.md'] =
  `${head}${start}The report of the bundled example history (\`npm run example\`; also as a [tracking issue](examples/issue.md)):\n\n` +
  `> ${excerpt(files['examples/summary.md']).split('\n').join('\n> ')}\n\n${tail}`;

let stale = [];
for (const [rel, text] of Object.entries(files)) {
  const file = join(root, rel);
  let old = null;
  try {
    old = readFileSync(file, 'utf8');
  } catch {
    /* new file */
  }
  if (old === text) continue;
  if (check) stale.push(rel);
  else writeFileSync(file, text);
}
if (stale.length) {
  console.error(`stale: ${stale.join(', ')}. Run 'npm run examples' and commit the result.`);
  process.exit(1);
}
console.log(check ? 'examples are current' : 'examples regenerated');
