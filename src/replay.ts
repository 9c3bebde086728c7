/**
 * Replay (`--from-history`): the saved history, validated, and narrowed to the filters given
 * on the command line. A replay can only narrow what was recorded: a wider window, a branch or
 * workflow the recording left out, or a log limit (no log is read in a replay) is refused with
 * a message, never silently ignored.
 */
import { readFileSync } from 'node:fs';
import { selectWorkflows } from './collect/runs.js';
import { fsReason } from './errors.js';
import { parseHistory } from './history-schema.js';
import { InputError, parseList, parseWindow } from './inputs.js';
import type { History } from './types.js';

export function readHistory(file: string): History {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    const why = e instanceof SyntaxError ? `not JSON (${e.message})` : fsReason(e);
    throw new InputError(`--from-history: cannot read ${file}: ${why}`);
  }
  const parsed = parseHistory(data);
  if ('problem' in parsed) {
    throw new InputError(`--from-history: ${file} is not an audit-ci history (schemaVersion 1): ${parsed.problem}`);
  }
  return parsed.history;
}

export interface ReplayFilters {
  window?: string | undefined;
  branches?: string | undefined;
  workflows?: string | undefined;
  maxLogs?: string | undefined;
}

/** Refuses a filter the recording cannot answer; `recorded` is the recording's own filter (empty: all). */
function checkSubset(flag: string, wanted: string[], recorded: string[] | undefined): void {
  if (!recorded || recorded.length === 0) return;
  const lower = new Set(recorded.map((r) => r.toLowerCase()));
  const missing = wanted.filter((w) => !lower.has(w.toLowerCase()));
  if (missing.length > 0) {
    throw new InputError(narrowOnly(flag, missing, recorded));
  }
}

const narrowOnly = (flag: string, asked: string[], recorded: string[]) =>
  `${flag} ${asked.join(',')}: the history was recorded with ${flag} ${recorded.join(',')} only; a replay can only narrow it`;

/** The runs of the window `raw` among `runs` (newest first), or a refusal when it reaches past the recording. */
function narrowWindow(h: History, runs: History['runs'], raw: string): { runs: History['runs']; from: string } {
  const spec = parseWindow(raw);
  const wider = `--window ${raw} is wider than the recorded window (${h.window.requested}, ${h.runs.length} runs from ${h.window.from}); a replay can only narrow it`;
  if (spec.kind === 'count') {
    if (spec.count > h.runs.length) throw new InputError(wider);
    const kept = runs.slice(0, spec.count);
    return { runs: kept, from: kept.at(-1)?.createdAt ?? h.window.from };
  }
  const from = new Date(Date.parse(h.window.to) - spec.ms);
  if (from.getTime() < Date.parse(h.window.from)) throw new InputError(wider);
  return { runs: runs.filter((r) => Date.parse(r.createdAt) >= from.getTime()), from: from.toISOString() };
}

/** The history narrowed to the given filters (the recording itself when none narrows it). */
export function narrowHistory(h: History, f: ReplayFilters): History {
  if (f.maxLogs !== undefined) {
    throw new InputError(
      `--max-logs applies when collecting; a replay reads no logs (the history holds ${Object.keys(h.logs).length}): give it when recording with --save-history`,
    );
  }
  const branches = f.branches !== undefined ? parseList(f.branches) : [];
  const workflows = f.workflows !== undefined ? parseList(f.workflows) : [];
  checkSubset('--branches', branches, h.filters?.branches);
  let runs = h.runs;
  if (workflows.length > 0) {
    const ids = new Set(selectWorkflows(h.workflows, workflows).map((w) => w.id));
    const recorded = h.filters?.workflows ?? [];
    if (recorded.length > 0) {
      const inRecording = new Set(selectWorkflows(h.workflows, recorded).map((w) => w.id));
      const outside = workflows.filter((w) => selectWorkflows(h.workflows, [w]).some((x) => !inRecording.has(x.id)));
      if (outside.length > 0) throw new InputError(narrowOnly('--workflows', outside, recorded));
    }
    runs = runs.filter((r) => ids.has(r.workflowId));
  }
  if (branches.length > 0) {
    const wanted = new Set(branches);
    runs = runs.filter((r) => wanted.has(r.branch));
  }
  let from = h.window.from;
  let requested = h.window.requested;
  if (f.window !== undefined && f.window.trim().toLowerCase() !== h.window.requested) {
    ({ runs, from } = narrowWindow(h, runs, f.window));
    requested = parseWindow(f.window).raw;
  }
  if (runs.length === h.runs.length) return h;
  const shas = new Set(runs.map((r) => r.headSha));
  const jobs = new Set(runs.flatMap((r) => r.jobs.map((j) => String(j.id))));
  return {
    ...h,
    window: { ...h.window, requested, from },
    filters: {
      workflows: workflows.length > 0 ? workflows : (h.filters?.workflows ?? []),
      branches: branches.length > 0 ? branches : (h.filters?.branches ?? []),
    },
    runs,
    checkRuns: h.checkRuns.filter((c) => shas.has(c.headSha)),
    logs: Object.fromEntries(Object.entries(h.logs).filter(([id]) => jobs.has(id))),
  };
}
