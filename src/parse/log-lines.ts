/**
 * What a job log line is, before anything reads it as evidence: the runner's own bookkeeping,
 * a progress meter, or output. Real raw logs are the specification (see
 * __tests__/fixtures/logs/SOURCES.md): the runner echoes every `run:` script between
 * `##[group]Run …` and `##[endgroup]` (each line in ESC[36;1m … ESC[0m, then `shell:` and
 * `env:`), a `uses:` step's group holds its `with:` inputs, and "Set up job",
 * "Initialize containers", "Stop containers" and "Complete job" print what the runner did.
 */
import stripAnsi from 'strip-ansi';

/**
 * Colour codes out: jest, tsc, eslint, tracing-subscriber (`ESC[2m<time>ESC[0m ESC[33m WARNESC[0m`)
 * and docker compose colour their output, and a code between two words defeats a pattern and
 * leaks into a finding. strip-ansi (ansi-regex 6) matches each escape in one linear pass.
 */
export function plainText(line: string): string {
  return stripAnsi(line);
}

/**
 * `docker compose up` prefixes each service's line with its container name and a bar
 * (`test_1  | ` in compose v1, `test-1  | ` in v2). Output after it is read as if unprefixed.
 */
const COMPOSE_PREFIX = /^[a-z0-9][a-z0-9_.-]{0,62}[-_]\d{1,3} *\| ?/i;

export function withoutComposePrefix(text: string): string {
  const m = COMPOSE_PREFIX.exec(text);
  return m ? text.slice(m[0].length) : text;
}

/**
 * Progress meters repeat with only numbers changing, so they look like noise; they are not.
 * git (`Receiving objects:  12% (…)`, `remote: Counting objects: …`, `Resolving deltas`),
 * docker layer status (`eff15d958d66: Pull complete`), actions/cache (`Received N of N (…%)`),
 * pip/rich and tqdm bars, curl's meter and npm's gauge.
 */
const PROGRESS: RegExp[] = [
  /^(?:remote: +)?(?:Enumerating|Counting|Compressing|Receiving|Resolving|Writing|Unpacking|Finding sources|Checking connectivity)(?: objects| deltas|:)/,
  /^(?:Updating files|Checking out files|Filtering content|Updating index flags): +\d{1,3}%/,
  /^[0-9a-f]{12}: (?:Pulling fs layer|Waiting|Verifying Checksum|Download complete|Pull complete|Downloading|Extracting|Already exists|Preparing|Pushing|Pushed|Layer already exists|Mounted from)/,
  /^Received \d+ of \d+ \(\d{1,3}(?:\.\d+)?%\)/,
  /[━█▉▊▋▌▍▎▏░▒▓]{3}/,
  /\b\d{1,3}%\|/,
  /--:--:--/,
  /^\s*\d+K(?: \.{10}){1,6}/,
  /[⸨⸩]|^\[[#.]{10,}\]/,
];

export function isProgress(text: string): boolean {
  return PROGRESS.some((re) => re.test(text));
}

/**
 * The first line of the runner's echo inside `##[group]Run …`: the script's first line (the
 * title is `Run <that line>`, the echo wraps it in cyan), or the `with:` / `env:` / `shell:` block
 * of a step without a script. Anything else opens a user's own group of output.
 */
const CYAN = '\u001b[36;1m';
const INPUTS = /^(?:with|env|shell):/;

export function startsEcho(raw: string, text: string, title: string): boolean {
  const first = title.replace(/^(?:Post )?Run /, '').trim();
  return raw.startsWith(CYAN) || INPUTS.test(text) || (text.trim().length > 0 && text.trim() === first);
}

/** Sections whose lines are the runner's own account of itself, never a tool's output. */
export const SET_UP = 'Set up job';
export const INIT_CONTAINERS = 'Initialize containers';
export const STOP_CONTAINERS = 'Stop containers';
export const COMPLETE = 'Complete job';
const BOOKKEEPING = new Set([SET_UP, INIT_CONTAINERS, STOP_CONTAINERS, COMPLETE]);

export function isBookkeeping(section: string | undefined): boolean {
  return section !== undefined && BOOKKEEPING.has(section);
}

/**
 * The runner's container groups (actions/runner src/Runner.Worker/ContainerOperationProvider.cs):
 * "Initialize containers" opens with `##[group]Checking docker version` and prints the rest
 * in groups of its own; "Stop containers" prints plain lines.
 */
export const CONTAINER_FIRST_GROUP = /^Checking docker version$/;
export const CONTAINER_GROUP =
  /^(?:Checking docker version|Clean up resources from previous jobs|Create local container network|Starting job container|Starting \S+ service container|Waiting for all services to be ready)$/;
export const STOP_CONTAINER_LINE = /^(?:Stop and remove container: |Remove container network: )/;
