/**
 * Stage 7: job logs, streamed line by line into a digest; a whole log is never in memory.
 * The logs endpoint answers 302 to a short-lived signed URL. The redirect is not followed
 * by Octokit (it would send the token along to a same-origin host); the signed URL is read
 * with a fetch that carries no credentials.
 */
import type { RunCache } from '../cache/run-cache.js';
import type { Config } from '../config-types.js';
import { gapReason, statusOf, type Api } from '../github/api.js';
import { createLogDigester } from '../parse/log-digest.js';
import type { LogDigest } from '../types.js';

/** A line longer than this (no newline in sight) is cut: binary output must not grow the buffer. */
const MAX_LINE_CHARS = 64 * 1024;

export class HttpStatusError extends Error {
  constructor(readonly status: number) {
    super(`${status} from the log storage URL`);
    this.name = 'HttpStatusError';
  }
}

/**
 * The client's own fetch (proxy-aware on runners behind a proxy) without the client's
 * headers: the signed URL needs no token, and must not get one.
 */
function storageFetch(api: Api): typeof fetch {
  const defaults = api.client.octokit.request.endpoint.DEFAULTS as { request?: { fetch?: typeof fetch } };
  return defaults.request?.fetch ?? fetch;
}

/** At most so many tasks at once; the others wait their turn, in order. */
export interface Gate {
  run<T>(fn: () => Promise<T>): Promise<T>;
}

export function gate(limit: number): Gate {
  let running = 0;
  const waiting: (() => void)[] = [];
  return {
    async run<T>(fn: () => Promise<T>): Promise<T> {
      if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
      running++;
      try {
        return await fn();
      } finally {
        running--;
        waiting.shift()?.();
      }
    },
  };
}

const OPEN: Gate = { run: (fn) => fn() };

/** The API's answer for a job's log: where to read it (the usual 302), or the log itself. */
async function locateLog(
  api: Api,
  jobId: number,
): Promise<{ location: string } | { body: ReadableStream<Uint8Array> }> {
  const res = await api.send(() =>
    api.client.octokit.request('GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs', {
      owner: api.owner,
      repo: api.repo,
      job_id: jobId,
      request: { redirect: 'manual', parseSuccessResponseBody: false },
    }),
  );
  // Typed as always 302; a server may also answer 200 with the log itself.
  const status = res.status as number;
  const body = res.data as unknown as ReadableStream<Uint8Array> | null;
  const location = (res.headers as Record<string, string | undefined>).location;
  if (status >= 300 && status < 400 && location) {
    await body?.cancel().catch(() => undefined);
    return { location };
  }
  // Some servers (and fake APIs) answer the log directly.
  if (status !== 200 || !body || typeof (body as { getReader?: unknown }).getReader !== 'function') {
    await body?.cancel?.().catch(() => undefined);
    throw new HttpStatusError(status);
  }
  return { body };
}

async function openBlob(api: Api, location: string): Promise<ReadableStream<Uint8Array>> {
  const blob = await storageFetch(api)(location);
  if (!blob.ok || !blob.body) {
    await blob.body?.cancel().catch(() => undefined);
    throw new HttpStatusError(blob.status);
  }
  return blob.body;
}

/**
 * Stream `jobId`'s log into a digest. Every line is pushed, so line and byte counts cover the
 * whole log; the digester itself stops digesting past `config.logs.maxBytes`. `streams` bounds
 * the logs streamed and digested at once (what holds memory), not the API requests before them.
 */
export async function readLog(api: Api, jobId: number, config: Config, streams: Gate = OPEN): Promise<LogDigest> {
  const where = await locateLog(api, jobId);
  // The storage URL is opened as soon as the API names it, not when a digest slot frees: a
  // slot that waited out the storage's round trip sat idle (a cold 1,000-run audit's digests
  // went in waves, a third of the logs stage idle). An opened body waiting for its slot holds
  // only what the socket buffered; the URL is also read well before it expires.
  const body = 'body' in where ? where.body : await openBlob(api, where.location);
  return streams.run(() => digestStream(body, jobId, config));
}

async function digestStream(stream: ReadableStream<Uint8Array>, jobId: number, config: Config): Promise<LogDigest> {
  const digester = createLogDigester(jobId, config);
  const decoder = new TextDecoder('utf-8');
  const push = (line: string) => digester.push(line.endsWith('\r') ? line.slice(0, -1) : line);
  let bytes = 0;
  let pending = '';
  // After cutting an overlong line, the rest of it (up to its newline) is skipped.
  let skipping = false;
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.byteLength;
    let text = decoder.decode(chunk, { stream: true });
    if (skipping) {
      const nl = text.indexOf('\n');
      if (nl < 0) continue;
      text = text.slice(nl + 1);
      skipping = false;
    }
    pending += text;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    lines.forEach(push);
    if (pending.length > MAX_LINE_CHARS) {
      push(pending.slice(0, MAX_LINE_CHARS));
      pending = '';
      skipping = true;
    }
  }
  if (!skipping) pending += decoder.decode();
  if (pending !== '') push(pending);
  const digest = digester.finish(bytes);
  if (bytes > config.logs.maxBytes) digest.truncated = true;
  return digest;
}

/**
 * A log digest from the cache (made with the same config), else read and cached. A log the
 * API itself answers 404 or 410 for is remembered as gone, with its gap reason, so the next
 * audit reports the same gap without spending a request on it; a failure of the storage URL
 * (HttpStatusError: a signed URL that expired while we waited) or a 5xx may pass, and is not.
 */
export async function readLogCached(
  api: Api,
  jobId: number,
  config: Config,
  cache: RunCache | null,
  streams?: Gate,
): Promise<LogDigest> {
  const hit = cache?.getLog(jobId);
  if (hit) return hit;
  try {
    const digest = await readLog(api, jobId, config, streams);
    cache?.putLog(digest);
    return digest;
  } catch (e) {
    const status = statusOf(e);
    if (cache && (status === 404 || status === 410) && !(e instanceof HttpStatusError)) {
      cache.putGone(jobId, gapReason(e, api.client.redact)!);
    }
    throw e;
  }
}
