/**
 * The saved history (`--save-history`, `--from-history`) validated on read, with zod 4: a file
 * that lacks a key the rules read fails here with the key's path, not later inside a rule.
 * The schema mirrors `History` in types.ts; the check at the bottom fails the typecheck when
 * the two drift. Objects are loose: keys this version does not know are kept, not dropped.
 */
import { z } from 'zod';
import type { History } from './types.js';

const iso = z.string();
const isoOrNull = z.string().nullable();
const conclusion = z
  .enum([
    'success',
    'failure',
    'neutral',
    'cancelled',
    'skipped',
    'timed_out',
    'action_required',
    'stale',
    'startup_failure',
  ])
  .nullable();

const annotation = z.looseObject({
  path: z.string(),
  startLine: z.number().nullable(),
  level: z.enum(['notice', 'warning', 'failure']),
  title: z.string().nullable(),
  message: z.string(),
  rawDetails: z.string().nullable().optional(),
});

const step = z.looseObject({
  number: z.number(),
  name: z.string(),
  status: z.string(),
  conclusion,
  startedAt: isoOrNull,
  completedAt: isoOrNull,
});

const job = z.looseObject({
  id: z.number(),
  runId: z.number(),
  runAttempt: z.number(),
  name: z.string(),
  status: z.string(),
  conclusion,
  createdAt: iso,
  startedAt: isoOrNull,
  completedAt: isoOrNull,
  url: z.string(),
  runnerName: z.string().nullable(),
  labels: z.array(z.string()),
  steps: z.array(step),
  annotationsCount: z.number(),
  annotations: z.array(annotation),
});

const run = z.looseObject({
  id: z.number(),
  name: z.string(),
  workflowId: z.number(),
  workflowPath: z.string(),
  event: z.string(),
  branch: z.string(),
  headSha: z.string(),
  status: z.string(),
  conclusion,
  runAttempt: z.number(),
  runNumber: z.number(),
  createdAt: iso,
  runStartedAt: iso,
  updatedAt: iso,
  url: z.string(),
  nodeId: z.string().optional(),
  pullRequests: z.array(z.number()),
  headRepository: z.string().optional(),
  actor: z.string().optional(),
  jobs: z.array(job),
});

const checkRun = z.looseObject({
  id: z.number(),
  name: z.string(),
  headSha: z.string(),
  status: z.string(),
  conclusion,
  startedAt: isoOrNull,
  completedAt: isoOrNull,
  url: z.string(),
  app: z.string().nullable(),
  title: z.string().nullable(),
  summary: z.string().nullable(),
  text: z.string().nullable(),
  annotationsCount: z.number(),
  annotations: z.array(annotation),
});

const logDigest = z.looseObject({
  jobId: z.number(),
  bytes: z.number(),
  lines: z.number(),
  truncated: z.boolean(),
  firstAt: isoOrNull,
  lastAt: isoOrNull,
  sections: z.array(z.looseObject({ name: z.string(), startedAt: isoOrNull, endedAt: isoOrNull, lines: z.number() })),
  matches: z.array(
    z.looseObject({
      key: z.string(),
      line: z.string(),
      lineNo: z.number(),
      at: isoOrNull,
      section: z.string().nullable(),
    }),
  ),
  matchCounts: z.record(z.string(), z.number()),
  repeated: z.array(z.looseObject({ normalized: z.string(), example: z.string(), count: z.number() })),
  testDurations: z.array(z.looseObject({ test: z.string(), seconds: z.number(), runner: z.string() })),
  // Absent in digests cached before test runners' output was read.
  tests: z
    .array(
      z.looseObject({
        id: z.string(),
        source: z.string(),
        attempts: z.number().nullable(),
        failed: z.number(),
        passed: z.number(),
        outcome: z.enum(['passed', 'failed', 'skipped']),
        reason: z.string().nullable(),
        seconds: z.number().nullable(),
        markedFlaky: z.boolean(),
      }),
    )
    .optional(),
});

const apiUsage = z.looseObject({
  requests: z.number(),
  graphqlPoints: z.number(),
  notModified: z.number(),
  rateLimitRemaining: z.number().optional(),
  graphqlRemaining: z.number().optional(),
  budget: z.number().optional(),
  budgetLeft: z.number().optional(),
  allowance: z.number().optional(),
  truncated: z.boolean().optional(),
  truncatedHint: z.string().optional(),
  truncatedBy: z.enum(['budget', 'allowance', 'rate-limit']).optional(),
});

export const historySchema = z.looseObject({
  schemaVersion: z.literal(1),
  repository: z.string().regex(/^[^/\s]+\/[^/\s]+$/, 'expected owner/name'),
  serverUrl: z.string(),
  collectedAt: iso,
  defaultBranch: z.string(),
  window: z.looseObject({
    requested: z.string(),
    from: iso,
    to: iso,
    listed: z.number().optional(),
    filling: z.boolean().optional(),
  }),
  filters: z.looseObject({ workflows: z.array(z.string()), branches: z.array(z.string()) }).optional(),
  workflows: z.array(
    z.looseObject({
      id: z.number(),
      name: z.string(),
      path: z.string(),
      state: z.string(),
      url: z.string().optional(),
    }),
  ),
  runs: z.array(run),
  checkRuns: z.array(checkRun),
  pullRequests: z.array(
    z.looseObject({
      number: z.number(),
      title: z.string(),
      body: z.string(),
      branch: z.string(),
      url: z.string(),
      draft: z.boolean(),
      updatedAt: iso,
    }),
  ),
  logs: z.record(z.string(), logDigest),
  gaps: z.array(z.looseObject({ what: z.string(), reason: z.string() })),
  api: apiUsage,
  unread: z.array(z.looseObject({ workflow: z.string(), path: z.string(), runs: z.number() })).optional(),
});

/** `runs[3].jobs[0].steps` */
function keyPath(p: readonly PropertyKey[]): string {
  return p.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${String(k)}` : String(k)), '');
}

/** One line per problem, at most `max`: "runs[0].jobs: missing", "schemaVersion: expected 1". */
export function historyProblems(error: z.ZodError, max = 3): string {
  const lines = error.issues.slice(0, max).map((i) => {
    const where = keyPath(i.path) || '(top level)';
    const missing = i.code === 'invalid_type' && i.input === undefined;
    return `${where}: ${missing ? 'missing' : i.message.replace(/^Invalid input: /, '')}`;
  });
  const more = error.issues.length - lines.length;
  return lines.join('; ') + (more > 0 ? `; and ${more} more` : '');
}

/** The history in `data`, or a message naming the first keys that are missing or wrong. */
export function parseHistory(data: unknown): { history: History } | { problem: string } {
  const r = historySchema.safeParse(data, { reportInput: true });
  return r.success ? { history: r.data } : { problem: historyProblems(r.error) };
}

// Fails the typecheck when types.ts's History gains a key the schema does not check.
export const schemaMatchesHistory = (h: z.infer<typeof historySchema>): History => h;
