/**
 * Lines in the GitHub runner's real raw log format, modelled on the real logs in
 * __tests__/fixtures/logs (see SOURCES.md there): a `run:` step opens with
 * `##[group]Run <first line>`, echoes its whole script in cyan (ESC[36;1m … ESC[0m), then
 * `shell:` and `env:`, then `##[endgroup]`; a `uses:` step's group holds its `with:` inputs.
 * Tools colour their own output (pytest, offload's tracing-subscriber WARN lines).
 */
const ESC = '\u001b';

/** The runner's echo of a `run:` step. */
export function runStep(script: string, env: Record<string, string> = {}): string[] {
  const lines = script.split('\n');
  const out = [
    `##[group]Run ${lines[0]}`,
    ...lines.map((l) => `${ESC}[36;1m${l}${ESC}[0m`),
    'shell: /usr/bin/bash -e {0}',
  ];
  const vars = Object.entries(env);
  if (vars.length) out.push('env:', ...vars.map(([k, v]) => `  ${k}: ${v}`));
  return [...out, '##[endgroup]'];
}

/** The runner's echo of a `uses:` step and its inputs. */
export function usesStep(action: string, inputs: Record<string, string | number>): string[] {
  return [`##[group]Run ${action}`, 'with:', ...Object.entries(inputs).map(([k, v]) => `  ${k}: ${v}`), '##[endgroup]'];
}

export const red = (s: string): string => `${ESC}[31m${s}${ESC}[0m`;
export const boldRed = (s: string): string => `${ESC}[31m${ESC}[1m${s}${ESC}[0m`;
export const green = (s: string): string => `${ESC}[32m${s}${ESC}[0m`;

/** offload's log line: tracing-subscriber's default format without targets (dim time, yellow level). */
export function tracingWarn(isoMicros: string, message: string): string {
  return `${ESC}[2m${isoMicros}${ESC}[0m ${ESC}[33m WARN${ESC}[0m ${message}`;
}

/** git's progress meter as actions/checkout prints it, one line per update. */
export function gitProgress(total: number, steps: number): string[] {
  const out = [`remote: Enumerating objects: ${total}, done.        `];
  for (const what of ['Counting', 'Compressing']) {
    for (let i = 1; i <= steps; i++) {
      const n = Math.round((total * i) / steps);
      out.push(
        `remote: ${what} objects: ${String(Math.round((100 * i) / steps)).padStart(3)}% (${n}/${total})        `,
      );
    }
  }
  out.push(`remote: Total ${total} (delta 0), reused 0 (delta 0), pack-reused 0        `);
  for (let i = 1; i <= steps; i++) {
    const n = Math.round((total * i) / steps);
    out.push(
      `Receiving objects: ${String(Math.round((100 * i) / steps)).padStart(3)}% (${n}/${total}), ${i * 3}.00 MiB | 11.50 MiB/s`,
    );
  }
  return out;
}
