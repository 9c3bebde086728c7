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
  const byJob = new Map<number, LogRequest>();
  for (const rule of rules) {
    for (const r of rule.wantsLogs?.(history, config) ?? []) {
      const prev = byJob.get(r.jobId);
      if (!prev || r.priority > prev.priority) byJob.set(r.jobId, r);
    }
  }
  return [...byJob.values()].sort((a, b) => b.priority - a.priority || b.jobId - a.jobId);
}
