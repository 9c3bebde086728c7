/** The workflow commands code under test wrote to stdout in this test file (see setup/workflow-commands.ts). */

/** On the stream itself: setup files and test files may see different module instances. */
const BUFFER = Symbol.for('audit-ci.test.workflowCommands');

type Stream = NodeJS.WriteStream & { [BUFFER]?: string[] };

/** `::name::…` or `::name key=value,…::…`, as @actions/core's issueCommand writes them. */
export const WORKFLOW_COMMAND = /^::[A-Za-z][\w-]*(?: [^\n]*?)?::/;

/** Divert whole lines that are workflow commands into a buffer; returns the restore function. */
export function installCommandBuffer(stream: NodeJS.WriteStream): () => void {
  const s = stream as Stream;
  const original = s.write;
  s[BUFFER] = [];
  const write = function (this: unknown, chunk: unknown, ...rest: unknown[]): boolean {
    if (typeof chunk !== 'string' && !Buffer.isBuffer(chunk)) return original.call(s, chunk as never, ...(rest as []));
    const text = chunk.toString();
    const lines = text.split(/(?<=\n)/);
    const kept = lines.filter((l) => {
      if (!WORKFLOW_COMMAND.test(l)) return true;
      s[BUFFER]!.push(l.replace(/\r?\n$/, ''));
      return false;
    });
    if (kept.length === lines.length) return original.call(s, chunk as never, ...(rest as []));
    const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    if (kept.length === 0) {
      callback?.();
      return true;
    }
    return original.call(s, kept.join(''), ...(rest as []));
  };
  s.write = write as typeof s.write;
  return () => {
    if (s.write === write) s.write = original;
  };
}

/** Lines written so far by the code under test, e.g. `::error::Input "window" must be …`. */
export function workflowCommands(): string[] {
  return [...((process.stdout as Stream)[BUFFER] ?? [])];
}

export function clearWorkflowCommands(): void {
  const s = process.stdout as Stream;
  if (s[BUFFER]) s[BUFFER].length = 0;
}
