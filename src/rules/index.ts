/**
 * The rule registry. Rules are pure: (history, config) -> findings.
 */
import type { Config } from '../config-types.js';
import { foldCauses, sortFindings } from '../findings.js';
import type { Finding, History, LogRequest, Rule } from '../types.js';
import { cacheMissesRule } from './cache-misses.js';
import { coverageRule } from './coverage.js';
import { disabledWorkflowsRule } from './disabled-workflows.js';
import { dockerLayersRule } from './docker-layers.js';
import { flakyRule } from './flaky.js';
import { imageRebuildRule } from './image-rebuild.js';
import { logNoiseRule } from './log-noise.js';
import { otherRule } from './other.js';
import { queueOutliersRule } from './queue-outliers.js';
import { recurringFailuresRule } from './recurring-failures.js';
import { slowRule } from './slow.js';
import { stepOutliersRule } from './step-outliers.js';
import { warningsRule } from './warnings.js';

export const RULES: Rule[] = [
  warningsRule,
  flakyRule,
  recurringFailuresRule,
  coverageRule,
  imageRebuildRule,
  dockerLayersRule,
  cacheMissesRule,
  slowRule,
  logNoiseRule,
  otherRule,
  queueOutliersRule,
  stepOutliersRule,
  disabledWorkflowsRule,
];

/**
 * Every rule's findings, one per cause (`foldCauses`), most important first. A rule that throws
 * is reported, not fatal.
 */
export function runRules(
  history: History,
  config: Config,
  rules: Rule[] = RULES,
  onError?: (rule: string, e: unknown) => void,
  /** Called after each rule (the action checks its heap there: the rules run without yielding). */
  afterEach?: () => void,
): Finding[] {
  const all: Finding[] = [];
  for (const rule of rules) {
    try {
      all.push(...rule.run(history, config));
    } catch (e) {
      onError?.(rule.name, e);
    }
    afterEach?.();
  }
  return sortFindings(foldCauses(all));
}

/** The logs rules want, highest priority first, one request per job (the highest). */
export function wantedLogs(history: History, config: Config, rules: Rule[] = RULES): LogRequest[] {
  return logWants(history, config, rules)();
}

/** What collection changes in a history while it reads logs: a rule that reads neither asks the same again. */
const READ_AS_LOGS_ARRIVE: ReadonlySet<PropertyKey> = new Set<keyof History>(['logs', 'gaps']);

/**
 * `wantedLogs` to be asked again as logs are read (a cold audit asks after its first half).
 * Rules are pure, so a rule whose `wantsLogs` read neither `history.logs` nor `history.gaps`
 * (seen through a proxy of the history's top-level fields) gives the same answer again, and
 * it is reused: the second ask of a 1,000-run audit cost 220 ms for answers mostly unchanged.
 * `afterEach` runs after each rule that was asked (collection passes the heap check: a
 * 10,000-run window's asks run for seconds without yielding).
 */
export function logWants(
  history: History,
  config: Config,
  rules: Rule[] = RULES,
  afterEach?: () => void,
): () => LogRequest[] {
  const kept = new Map<Rule, LogRequest[]>();
  return () => {
    const byJob = new Map<number, LogRequest>();
    for (const rule of rules) {
      let list = kept.get(rule);
      if (!list) {
        const read = new Set<PropertyKey>();
        const seen = new Proxy(history, { get: (t, k, r) => (read.add(k), Reflect.get(t, k, r) as unknown) });
        list = rule.wantsLogs?.(seen, config) ?? [];
        if (![...read].some((k) => READ_AS_LOGS_ARRIVE.has(k))) kept.set(rule, list);
        afterEach?.();
      }
      for (const r of list) {
        const prev = byJob.get(r.jobId);
        if (!prev || r.priority > prev.priority) byJob.set(r.jobId, r);
      }
    }
    return [...byJob.values()].sort((a, b) => b.priority - a.priority || b.jobId - a.jobId);
  };
}
