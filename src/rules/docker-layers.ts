/**
 * Docker layers rebuilt in most runs: a Dockerfile step that BuildKit ran again (no `#N CACHED`)
 * although nothing before it in its stage changed as far as the log shows. A stage whose first
 * rebuilt step is a `COPY` / `ADD` had its input change (a new lockfile, new sources): expected,
 * never counted. The cause comes from the log when it shows one: a cache import that fails, no
 * import at all, or a build command without `--cache-to`.
 */
import type { z } from 'zod';
import { share, count, section } from '../config-fields.js';
import type { Config } from '../config-types.js';
import { findingId } from '../findings.js';
import type { Finding, History, Job, LogDigest, LogMatch, LogRequest, Rule, Run } from '../types.js';
import {
  clip,
  frequency,
  latestJobs,
  normalizeMessage,
  occurrence,
  occurrences,
  plural,
  stepOf,
  workflowKey,
} from './util.js';
import { LOG_PRIORITY } from './log-priority.js';
import { append } from '../util/append.js';

/** This rule's section of the rules file (`dockerLayers:`). */
const CONFIG = section({
  minShare: share(0.6).describe(
    'A Dockerfile step rebuilt (not `CACHED`) with unchanged inputs in at least this share of the builds read…',
  ),
  minRuns: count(3).describe('…and at least this many builds.'),
});

declare module '../config-types.js' {
  interface RuleSections {
    dockerLayers: z.output<typeof CONFIG>;
  }
}

const BUILD_STEP = /\bdocker\b|buildx|build[- ]push|\bimage\b/i;
/** `#12 [builder 3/7] RUN npm ci`: vertex, bracket, instruction (split apart: one regex with both is polynomial). */
const HEADER = /^#(\d+) \[([^\]]*)\] (\S+)/;

function header(line: string): { vertex: string; stage: string; index: number; text: string; op: string } | null {
  const h = HEADER.exec(line);
  if (!h) return null;
  const parts = h[2]!.trim().split(' ');
  const pos = /^(\d+)\/(\d+)$/.exec(parts.pop() ?? '');
  if (!pos || parts.length > 1) return null;
  const stage = parts[0] ?? '';
  const text = `${stage ? `${stage} ` : ''}${pos[1]}/${pos[2]} ${line.slice(h[0].length - h[3]!.length)}`.trim();
  return { vertex: h[1]!, stage, index: Number(pos[1]), text, op: h[3]!.toUpperCase() };
}

interface Layer {
  /** `builder 3/7 RUN npm ci`, numbers masked: the same step across runs. */
  id: string;
  text: string;
  rebuilt: boolean;
  match: LogMatch;
  stage: string;
  index: number;
  /** The Dockerfile instruction: RUN, COPY, ADD, WORKDIR, … */
  op: string;
}

interface Build {
  run: Run;
  job: Job;
  digest: LogDigest;
  /** Layers rebuilt with no input change the log shows, and every layer judged. */
  needless: Layer[];
  judged: Layer[];
}

/** The digest kept every header and `CACHED` line it saw (the per-key cap was not reached). */
function complete(d: LogDigest): boolean {
  const kept = (k: string): number => d.matches.filter((m) => m.key === k).length;
  return (
    (d.matchCounts.buildkitStep ?? 0) <= kept('buildkitStep') &&
    (d.matchCounts.buildkitCached ?? 0) <= kept('buildkitCached')
  );
}

/** Each Dockerfile step of one log once, with whether BuildKit ran it again. */
function layers(d: LogDigest): Layer[] {
  const byVertex = new Map<string, Layer>();
  const out: Layer[] = [];
  const last = new Map<string, Layer>();
  for (const m of [...d.matches].sort((a, b) => a.lineNo - b.lineNo)) {
    if (m.key === 'buildkitStep') {
      const h = header(m.line.trim());
      if (!h) continue;
      const seenKey = `${h.vertex}\u0000${h.text}`;
      const known = byVertex.get(seenKey);
      if (known) {
        last.set(h.vertex, known);
        continue;
      }
      const layer: Layer = {
        id: normalizeMessage(h.text),
        text: h.text,
        rebuilt: true,
        match: m,
        stage: h.stage,
        index: h.index,
        op: h.op,
      };
      byVertex.set(seenKey, layer);
      last.set(h.vertex, layer);
      out.push(layer);
    } else if (m.key === 'buildkitCached') {
      const n = /^#(\d+)/.exec(m.line.trim())?.[1];
      const layer = n ? last.get(n) : undefined;
      if (layer) layer.rebuilt = false;
    }
  }
  return out.filter((l) => l.op !== 'FROM');
}

/** Rebuilt layers no visible change explains: in each stage, from its first rebuilt step on, unless that step copies files in. */
function needless(all: Layer[]): Layer[] {
  const stages = new Map<string, typeof all>();
  for (const l of all) append(stages, l.stage, l);
  const out: Layer[] = [];
  for (const list of stages.values()) {
    const first = list.sort((a, b) => a.index - b.index).find((l) => l.rebuilt);
    if (!first || first.op === 'COPY' || first.op === 'ADD') continue;
    out.push(...list.filter((l) => l.index >= first.index && l.rebuilt));
  }
  return out;
}

function cause(d: LogDigest): string {
  const line = (k: string): string | undefined => d.matches.find((m) => m.key === k)?.line;
  const vertex = (l: string): string | undefined => /^#(\d+) /.exec(l.trim())?.[1];
  const imports = new Set(d.matches.filter((m) => m.key === 'buildkitCacheImport').map((m) => vertex(m.line)));
  // Only an error of the import's own vertex is the import failing; a RUN step's error is the build's.
  const failed = d.matches.find((m) => m.key === 'buildkitError' && imports.has(vertex(m.line)))?.line;
  const command = line('buildxCommand');
  const writes = command === undefined ? null : /--cache-to\b/.test(command);
  if (failed) return `The cache import fails (\`${clip(failed, 160)}\`), so every layer is built again.`;
  const solve = line('buildkitFailed');
  if (solve)
    return `The build fails (\`${clip(solve, 160)}\`), and a cache is exported only after a build succeeds, so the next one starts empty again.`;
  if (!line('buildkitCacheImport'))
    return writes === false
      ? 'The build neither imports nor exports a layer cache (no `cache-from` / `cache-to` in its `docker buildx build` command): each runner starts empty.'
      : 'The build imports no layer cache (no `importing cache manifest` line: no `cache-from`), so each runner starts empty.';
  if (writes === false)
    return 'The build reads a cache (`cache-from`) that nothing writes: its `docker buildx build` command has no `--cache-to`.';
  return (
    'The build imports a cache, but it never holds this layer: check that `cache-to` uses `mode=max` (the default `min` ' +
    'exports only the final stage), that `cache-from` and `cache-to` name the same scope/ref, and that no build-arg changes every run.'
  );
}

function builds(history: History, run: Run): Build[] {
  const out: Build[] = [];
  for (const job of latestJobs(run)) {
    const d = history.logs[String(job.id)];
    if (!d || !complete(d)) continue;
    const all = layers(d);
    if (all.length > 0) out.push({ run, job, digest: d, judged: all, needless: needless(all) });
  }
  return out;
}

function finding(history: History, list: Build[], id: string, rebuilt: Build[]): Finding {
  const last = rebuilt[rebuilt.length - 1]!;
  const layer = last.needless.find((l) => l.id === id)!;
  const { run, job } = last;
  const where = `${run.name} / ${job.name}`;
  const step = stepOf(job, layer.match);
  const occ = rebuilt.map((b) => {
    const l = b.needless.find((x) => x.id === id)!;
    return occurrence(b.run, b.job.url, l.match.at ?? b.job.startedAt, clip(l.match.line, 100));
  });
  return {
    id: findingId('image-rebuild', 'docker-layer', workflowKey(run), job.name),
    category: 'image-rebuild',
    severity: 'medium',
    kind: 'infra',
    title: `${where} rebuilt Docker layer \`${clip(layer.text, 60)}\` in ${rebuilt.length} of ${plural(list.length, 'build')} read`,
    subject: { workflow: run.name, job: job.name, ...(step ? { step } : {}) },
    detail:
      `BuildKit ran \`${clip(layer.text, 120)}\` again (no \`CACHED\`) in ${rebuilt.length} of the ${plural(list.length, 'build')} ` +
      'read, with every step before it in its stage cached or unchanged as far as the log shows (a stage whose first rebuilt ' +
      `step is a \`COPY\`/\`ADD\` of changed files is not counted). ${cause(last.digest)}`,
    frequency: { ...frequency(history, occ), logsRead: list.length },
    occurrences: occurrences(occ),
    matchTerms: [job.name, ...(step ? [step] : []), clip(layer.text, 80), 'cache-to', 'cache-from'],
  };
}

export const dockerLayersRule: Rule = {
  name: 'dockerLayers',
  category: 'image-rebuild',
  config: { section: 'dockerLayers', schema: CONFIG },
  wantsLogs(history: History): LogRequest[] {
    const out: LogRequest[] = [];
    const perJob = new Map<string, number>();
    for (const run of [...history.runs].sort((a, b) => b.createdAt.localeCompare(a.createdAt))) {
      for (const job of latestJobs(run)) {
        if (job.conclusion === 'skipped' || !job.steps.some((s) => BUILD_STEP.test(s.name))) continue;
        const key = `${workflowKey(run)}\u0000${job.name}`;
        const n = perJob.get(key) ?? 0;
        if (n >= 5) continue;
        perJob.set(key, n + 1);
        out.push({ jobId: job.id, reason: 'docker-layers', priority: LOG_PRIORITY.dockerLayers - n });
      }
    }
    return out;
  },
  run(history: History, config: Config): Finding[] {
    const byJob = new Map<string, Build[]>();
    for (const run of [...history.runs].sort((a, b) => a.createdAt.localeCompare(b.createdAt))) {
      for (const b of builds(history, run)) {
        const k = `${workflowKey(run)}\u0000${b.job.name}`;
        append(byJob, k, b);
      }
    }
    const out: Finding[] = [];
    const { minRuns, minShare } = config.dockerLayers;
    for (const list of byJob.values()) {
      // The earliest needless layer is the one the rest follow from: one finding per job.
      const ids = [...new Set(list.flatMap((b) => b.needless.map((l) => l.id)))];
      for (const id of ids) {
        const judged = list.filter((b) => b.judged.some((l) => l.id === id));
        const rebuilt = judged.filter((b) => b.needless.some((l) => l.id === id));
        if (rebuilt.length < minRuns || rebuilt.length < minShare * judged.length) continue;
        out.push(finding(history, judged, id, rebuilt));
        break;
      }
    }
    return out;
  },
};
