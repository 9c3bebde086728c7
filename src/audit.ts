/**
 * The pipeline, shared by the action (main.ts) and the CLI:
 * collect (or replay) -> rules -> enrich -> render -> publish.
 */
import { defaultStore, readOnlyStore, type CacheStore, type StoreEnv } from './cache/store.js';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { openRunCache } from './cache/open.js';
import { collect, collectWithTracking, type Collected } from './collect/index.js';
import type { AuditClient } from './github/client.js';
import { fetchConfigText } from './collect/config-file.js';
import { parseConfig, resolveConfig, type Config } from './config.js';
import { matchPullRequests } from './enrich/prs.js';
import type { Settings } from './inputs.js';
import { inline } from './render/markdown.js';
import { renderReport, type RenderContext } from './render/report.js';
import {
  applyState,
  encodeState,
  findTrackingIssues,
  muteCheckbox,
  previousOf,
  publishDecision,
  publishIssue,
  labelFirst,
  labelBeforeCollection,
  type Applied,
  type FoundIssues,
  type PublishResult,
} from './tracking/index.js';
import { buildReport } from './report.js';
import { RULES, runRules } from './rules/index.js';
import type { Gap, History, Report } from './types.js';
import { append } from './util/append.js';
import { relieveHeap } from './memory.js';

export const ISSUE_MAX_CHARS = 65_536;
const NO_ISSUES: FoundIssues = { open: null, duplicates: [], lastClosed: null };
/** GitHub refuses a job summary over 1 MiB of UTF-8 bytes (not characters: a CJK test name is 3 bytes a character). */
export const SUMMARY_MAX_BYTES = 1024 * 1024;
/** Kept for callers that size by characters: a summary of this many characters may still be too many bytes. */
export const SUMMARY_MAX_CHARS = 1_000_000;

export interface Logger {
  info(msg: string): void;
  warn(msg: string): void;
  debug(msg: string): void;
  group<T>(name: string, fn: () => Promise<T>): Promise<T>;
}

export const consoleLogger = (stream: NodeJS.WritableStream = process.stderr, verbose = false): Logger => ({
  info: (m) => stream.write(`${m}\n`),
  warn: (m) => stream.write(`warning: ${m}\n`),
  debug: (m) => {
    if (verbose) stream.write(`debug: ${m}\n`);
  },
  group: async (name, fn) => {
    stream.write(`== ${name}\n`);
    return fn();
  },
});

/** `log.group`, then a line of how long it took (where an audit's time goes, run after run). */
async function timed<T>(log: Logger, name: string, fn: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await log.group(name, fn);
  } finally {
    log.info(`${name}: ${((performance.now() - start) / 1000).toFixed(1)} s`);
  }
}

export interface AuditOptions {
  settings: Settings;
  /** Needed unless `history` is given and no issue is written. */
  client?: AuditClient;
  /** Replay: audit this history instead of collecting. */
  history?: History;
  /** Rules file text (CLI replay); otherwise read from the workspace or the repository. */
  configText?: string | null;
  serverUrl: string;
  /** Where a relative `config` path is looked up first (GITHUB_WORKSPACE). */
  workspace?: string;
  now?: Date;
  /** Render the issue body even on a dry run (examples, CLI --issue-body). */
  renderIssueBody?: boolean;
  /** The run cache's store; default from the environment (the Actions cache on a runner). */
  cacheStore?: CacheStore | null;
  log: Logger;
}

export interface AuditResult {
  /** As collected (or replayed): without the audit's own gaps, which are in `report`. */
  history: History;
  report: Report;
  summary: string;
  issueBody: string | null;
  issue: PublishResult | null;
  /** Why the issue was not written, when it was not. */
  skipped: string | null;
  /**
   * Writing the issue failed (422, 500, retries spent): the report and summary are still
   * complete, and the caller writes them before failing with this error.
   */
  publishError: Error | null;
}

/**
 * The summary rendered to fit `maxBytes` of UTF-8: the renderer counts characters, so the
 * character budget shrinks by the measured overshoot until the bytes fit.
 */
export function renderSummary(ctx: Omit<RenderContext, 'maxChars' | 'target'>, maxBytes = SUMMARY_MAX_BYTES): string {
  let maxChars = Math.min(SUMMARY_MAX_CHARS, maxBytes);
  for (;;) {
    const text = renderReport({ ...ctx, target: 'summary', maxChars });
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes <= maxBytes || maxChars < 1000) return text;
    maxChars = Math.floor(((maxChars * maxBytes) / bytes) * 0.97);
  }
}

/** Gaps that say what this audit could not re-check, and what the hidden state left out. */
function stateGaps(applied: Applied): Gap[] {
  const gaps: Gap[] = [];
  const byWhy = new Map<string, string[]>();
  for (const u of applied.unchecked) append(byWhy, u.why, u.title);
  for (const [why, titles] of byWhy) {
    const some =
      titles
        .slice(0, 3)
        .map((t) => `"${t}"`)
        .join(', ') + (titles.length > 3 ? ', …' : '');
    gaps.push({
      what: `${titles.length} finding${titles.length === 1 ? '' : 's'} of the previous audit (${some})`,
      reason: `not re-checked: ${why}; carried over, not resolved`,
    });
  }
  const dropped = applied.state.dropped ?? 0;
  if (dropped > 0) {
    gaps.push({
      what: 'the hidden state of the tracking issue',
      reason: `${dropped} least important entries left out to stay within its size bound (mutes kept first); those findings show as new when seen again`,
    });
  }
  return gaps;
}

/**
 * The rules file: the workspace copy if present, else the repository's, else defaults. With
 * a run cache (`cached`), the repository's copy is read with conditional requests, which an
 * unchanged file answers with free 304s.
 */
export async function loadConfig(opts: AuditOptions, cached = false): Promise<{ config: Config; source: string }> {
  const rel = opts.settings.configPath;
  const of = (text: string, source: string) => ({ config: parseConfig(text, rel), source });
  const defaults = { config: resolveConfig(null), source: 'built-in defaults' };
  if (opts.configText !== undefined) return opts.configText === null ? defaults : of(opts.configText, rel);
  const local = opts.workspace ? path.resolve(opts.workspace, rel) : null;
  if (local && existsSync(local)) return of(readFileSync(local, 'utf8'), rel);
  if (opts.client) {
    const text = await fetchConfigText(opts.client, opts.settings.owner, opts.settings.repo, rel, cached);
    if (text !== null) return of(text, `${rel} (default branch)`);
  }
  return defaults;
}

/**
 * The run cache's store. A dry run of the action (`issue: false`) restores the Actions cache
 * but saves no entry: "no writes anywhere". A store passed in (the CLI's folder) is used as is.
 */
export function runCacheStore(
  opts: Pick<AuditOptions, 'cacheStore' | 'settings'>,
  repository: string,
  env: StoreEnv = process.env,
  log?: (msg: string) => void,
): CacheStore | null {
  if (opts.cacheStore !== undefined) return opts.cacheStore;
  const store = defaultStore(repository, env, log);
  return store && store.kind === 'actions-cache' && !opts.settings.issue ? readOnlyStore(store) : store;
}

export async function audit(opts: AuditOptions): Promise<AuditResult> {
  const { settings, log } = opts;
  const now = opts.now ?? new Date();
  // The run cache first: its ETags make the rules file free to read again when unchanged.
  const { owner, repo } = settings;
  const cache =
    opts.history || !opts.client
      ? null
      : await openRunCache({
          client: opts.client,
          repository: `${owner}/${repo}`,
          now,
          log: (m) => log.info(opts.client!.redact(m)),
          store: runCacheStore(opts, `${owner}/${repo}`, process.env, (m) => log.info(opts.client!.redact(m))),
        });
  const { config, source } = await loadConfig(opts, cache !== null);
  log.info(`Rules: ${source}`);
  opts.client?.setBudget(config.budget.maxRequests, config.budget.reserve);

  const writeIssue = settings.issue && Boolean(opts.client);
  // A first audit (nothing in its run cache) writes its label now, a collection before the issue.
  const labelledEarly = writeIssue && !opts.history && cache !== null && cache.size.runs === 0;
  if (labelledEarly) await labelBeforeCollection(opts.client!, settings, log.warn);
  // Collection reads the tracking issues too (in its first GraphQL query when it sends one).
  let collected: Collected;
  if (opts.history) {
    const found = writeIssue ? await findTrackingIssues(opts.client!, settings) : NO_ISSUES;
    collected = { history: opts.history, tracking: found };
  } else {
    if (!opts.client) throw new Error('No API client and no history to replay');
    const collectOptions = {
      client: opts.client,
      settings,
      config,
      rules: RULES,
      serverUrl: opts.serverUrl,
      now,
      log: log.info,
      cache,
    };
    collected = await timed(log, 'Collect', async () =>
      writeIssue
        ? collectWithTracking(collectOptions, settings.issueLabel)
        : { history: await collect(collectOptions), tracking: NO_ISSUES },
    );
  }
  const { tracking: found } = collected;
  // No tracking issue and runs to report: this audit creates one (publishDecision has nothing
  // to protect), so its label is written now (unless it was before collection) and the rules
  // run in the second before the create.
  const labelled = labelledEarly || (writeIssue && collected.history.runs.length > 0);
  if (labelled && !labelledEarly) await labelFirst(opts.client!, settings, found, log.warn);
  // The audit's own gaps (a rule that failed, findings not re-checked) go into a copy: the
  // collected history stays as read, so --save-history and a replay of it do not report them twice.
  const history: History = { ...collected.history, gaps: [...collected.history.gaps] };
  log.info(
    `Sampled ${history.runs.length} runs, ${history.checkRuns.length} check runs, ${Object.keys(history.logs).length} logs; ` +
      `${history.api.requests} requests, ${history.gaps.length} gaps`,
  );

  const raw = await timed(log, 'Rules', async () =>
    runRules(
      history,
      config,
      RULES,
      (rule, e) => {
        log.warn(`rule ${rule} failed: ${(e as Error).message}`);
        history.gaps.push({ what: `rule ${rule}`, reason: (e as Error).message });
      },
      relieveHeap,
    ),
  );
  log.info(`Rules found ${raw.length} findings`);

  const { state: previous, mutes, problems } = previousOf(found);
  for (const problem of problems) log.warn(problem);
  const applied = applyState(matchPullRequests(raw, history.pullRequests), previous, mutes, now.toISOString(), {
    runs: history.runs.length,
    logs: Object.keys(history.logs).length,
    history,
  });
  history.gaps.push(...stateGaps(applied));
  // Decide before rendering: an audit that may not replace the issue must not claim that
  // findings it could not observe are resolved, and its summary says the issue was kept.
  const decision = writeIssue ? publishDecision(history, previous) : { publish: true, reason: null };
  const resolved = decision.publish ? applied.resolved : [];
  const report = buildReport(history, applied.findings, resolved, now);

  // Without an earlier audit's state (a first audit, or a dry run that reads none), nothing is "new".
  const previousAudit = previous !== null;
  let summary = renderSummary({ report, history, previousAudit });
  if (!decision.publish) {
    summary = `> [!CAUTION]\n> The tracking issue was not updated: ${inline(decision.reason ?? '', 600)}.\n\n${summary}`;
  }
  let issueBody: string | null = null;
  let issue: PublishResult | null = null;
  let skipped: string | null = settings.issue ? null : 'dry run (issue: false)';
  // Publishing may ask for a shorter layout (a 422 on length, room for maintainer notes).
  const stateMarker = encodeState(applied.state);
  const renderIssue = (maxChars: number): string =>
    renderReport({
      report,
      history,
      target: 'issue',
      maxChars,
      previousAudit,
      stateMarker,
      previousIssueUrl: found.open ? undefined : found.lastClosed?.url,
      muteBox: muteCheckbox,
    });
  if (writeIssue || opts.renderIssueBody) issueBody = renderIssue(ISSUE_MAX_CHARS);
  let publishError: Error | null = null;
  if (writeIssue && issueBody !== null) {
    if (decision.publish) {
      try {
        issue = await timed(log, 'Publish', () =>
          publishIssue(opts.client!, settings, found, renderIssue, log.warn, labelled),
        );
        log.info(`Tracking issue #${issue.number}: ${issue.action}`);
      } catch (e) {
        publishError = e instanceof Error ? e : new Error(String(e));
        skipped = `writing the tracking issue failed: ${publishError.message}`;
        summary = `> [!CAUTION]\n> ${inline(skipped, 600)}\n\n${summary}`;
        if (found.open) issue = { number: found.open.number, url: found.open.url, action: 'unchanged' };
      }
    } else {
      skipped = decision.reason;
      log.warn(`Tracking issue not updated: ${decision.reason}`);
      if (found.open) issue = { number: found.open.number, url: found.open.url, action: 'unchanged' };
    }
  }
  return { history: collected.history, report, summary, issueBody, issue, skipped, publishError };
}
