import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { INPUT_DEFAULTS, INPUT_NAMES, OUTPUT_NAMES } from '../src/inputs.js';

interface ActionYml {
  runs: { using: string; main: string };
  inputs: Record<string, { default?: string; required?: boolean; description: string }>;
  outputs: Record<string, { description: string }>;
}
const action = parse(readFileSync(new URL('../action.yml', import.meta.url), 'utf8')) as ActionYml;

describe('action.yml', () => {
  it('runs the bundle on node24', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
  });

  it('declares exactly the inputs the code reads, with the same defaults', () => {
    expect(Object.keys(action.inputs).sort()).toEqual([...INPUT_NAMES].sort());
    for (const name of INPUT_NAMES) {
      const declared = action.inputs[name]!.default ?? '';
      // Expressions (${{ github.token }}, ${{ runner.temp }}/…) are resolved by the runner.
      if (!declared.includes('${{')) expect([name, declared]).toEqual([name, INPUT_DEFAULTS[name]]);
      expect(action.inputs[name]!.required ?? false).toBe(false);
    }
  });

  it('declares exactly the outputs the code sets', () => {
    expect(Object.keys(action.outputs).sort()).toEqual([...OUTPUT_NAMES].sort());
  });
});
