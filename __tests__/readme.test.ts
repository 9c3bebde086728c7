/** The README is the user's reference: its tables and rules-file block must match the code. */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { DEFAULT_CONFIG, resolveConfig } from '../src/config.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const action = parse(readFileSync(new URL('../action.yml', import.meta.url), 'utf8')) as {
  inputs: Record<string, { default?: string; description: string }>;
  outputs: Record<string, { description: string }>;
};

function table(heading: string): string[][] {
  const section = readme.split(`\n## ${heading}\n`)[1]!.split('\n## ')[0]!;
  return section
    .split('\n')
    .filter((l) => l.startsWith('| `'))
    .map((l) =>
      l
        .slice(1, -1)
        .split('|')
        .map((c) => c.trim().replace(/^`|`$/g, '')),
    );
}

describe('README', () => {
  it('has the inputs table of action.yml', () => {
    const rows = table('Inputs');
    const expected = Object.entries(action.inputs).map(([k, v]) => [k, v.default ?? '', v.description]);
    expect(rows).toEqual(expected);
  });

  it('has the outputs table of action.yml', () => {
    const rows = table('Outputs');
    expect(rows).toEqual(Object.entries(action.outputs).map(([k, v]) => [k, v.description]));
  });

  it('documents every rules-file key with its default', () => {
    const block = readme.split('\n## Rules file\n')[1]!.split('```yaml\n')[1]!.split('```')[0]!;
    // Compared as written (not merged over the defaults), so a key missing here fails.
    expect(parse(block)).toEqual(DEFAULT_CONFIG);
    expect(resolveConfig(parse(block))).toEqual(DEFAULT_CONFIG);
  });

  it('gives the two set-up commands', () => {
    expect(readme).toContain('npm ci && npm test');
    expect(readme).toContain('npm ci && npm run example');
  });
});
