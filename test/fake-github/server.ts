/**
 * A fake GitHub REST/GraphQL API on 127.0.0.1 serving a `World`, for end-to-end tests:
 * GitHub's pagination, rate-limit headers and JSON errors, issues kept in memory, every
 * request recorded, and deterministic fault injection (5xx, secondary rate limits, expired
 * logs, missing jobs, latency, a rate-limit countdown). Routes also answer under `/api/v3`.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hashSeed } from '../world/prng.js';
import type { RawComment, RawIssue, RawLabel, World } from '../world/types.js';
import { error, notFound, type Reply } from './http.js';
import { actionRoutes } from './routes-actions.js';
import { issueRoutes } from './routes-issues.js';
import { hideRuns } from './graphql.js';
import { createState, type Ctx, type FakeState, type RecordedRequest, type Route } from './state.js';

export type { RecordedRequest } from './state.js';

export interface FakeOptions {
  /** Seed of the fault injection (same seed, same faults for the same requests). */
  seed?: number;
  /** Delay before every answer. */
  latencyMs?: number;
  /** Share of first attempts of a read (a GET, a GraphQL query) that answer 502. */
  failRate5xx?: number;
  /** Share of first attempts of a read that answer 403 secondary rate limit (retry-after: 1). */
  secondaryRateRate?: number;
  /** Share of jobs whose logs answer 410 Gone. */
  expiredLogRate?: number;
  /** Share of runs whose jobs answer 404. */
  missingJobs?: number;
  /** Longest issue or comment body accepted (422 beyond). GitHub's limit by default. */
  issueBodyLimit?: number;
  /** `x-ratelimit-remaining` at start; counts down per API request; 403 at 0. */
  rateLimit?: number;
  /** When set, any other token answers 401 Bad credentials. */
  token?: string;
  /** Answer GraphQL queries (not pinIssue) with a schema error, as an older GHES does. */
  graphqlErrors?: boolean;
  /** `Type.field`s the GraphQL schema lacks (validation errors naming them), e.g. `Repository.issues`. */
  graphqlMissingFields?: string[];
}

export interface FakeGitHub {
  url: string;
  port: number;
  requests: RecordedRequest[];
  /** Requests that are not GETs (the writes), with their bodies. */
  readonly writes: RecordedRequest[];
  readonly issues: RawIssue[];
  readonly labels: RawLabel[];
  comments(issue: number): RawComment[];
  readonly pinned: string[];
  state: FakeState;
  close(): Promise<void>;
}

const GHES_PREFIX = /^\/api\/v3(?=\/)/;

function readBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        resolve(text ? JSON.parse(text) : undefined);
      } catch {
        resolve(text);
      }
    });
  });
}

async function send(res: ServerResponse, reply: Reply, headers: Record<string, string>): Promise<void> {
  const all = { ...headers, ...reply.headers };
  if (reply.stream) {
    res.writeHead(reply.status, all);
    let buf = '';
    for (const line of reply.stream) {
      buf += line;
      if (buf.length < 64 * 1024) continue;
      if (!res.write(buf)) await new Promise((r) => res.once('drain', r));
      buf = '';
      if (res.destroyed) return;
    }
    res.end(buf);
    return;
  }
  const text = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  if (reply.body !== undefined && typeof reply.body !== 'string')
    all['content-type'] = 'application/json; charset=utf-8';
  res.writeHead(reply.status, all);
  res.end(text);
}

interface Faults {
  opts: FakeOptions;
  attempts: Map<string, number>;
  remaining: number;
}

const share = (seed: number, ...key: (string | number)[]): number => hashSeed(seed, ...key) / 4294967296;

/** A GraphQL query (not a mutation) is a read: it meets the same faults as a GET. */
function graphqlRead(method: string, path: string, body: unknown): boolean {
  if (method !== 'POST' || !path.endsWith('/graphql')) return false;
  const query = (body as { query?: unknown } | undefined)?.query;
  return typeof query === 'string' && !/^\s*mutation\b/.test(query);
}

/** What identifies a read across retries: method, path and query string, and a GraphQL body. */
function faultKey(method: string, path: string, search: string, body: unknown): string {
  const gql = graphqlRead(method, path, body)
    ? ` ${createHash('sha1').update(JSON.stringify(body)).digest('hex')}`
    : '';
  return `${method} ${path}${search}${gql}`;
}

/** A fault for this request, or null. Only a request's first attempt fails, so retries succeed. */
function injectFault(f: Faults, method: string, key: string, read: boolean): Reply | null {
  const n = (f.attempts.get(key) ?? 0) + 1;
  f.attempts.set(key, n);
  if (!read || n > 1) return null;
  const seed = f.opts.seed ?? 42;
  if (share(seed, '5xx', key) < (f.opts.failRate5xx ?? 0)) return error(502, 'Server Error');
  if (share(seed, 'secondary', key) < (f.opts.secondaryRateRate ?? 0)) {
    return {
      ...error(403, 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.'),
      headers: { 'retry-after': '1' },
    };
  }
  return null;
}

/** ETags on JSON reads; a matching If-None-Match answers 304, which is free (GitHub's rule). */
function conditional(reply: Reply, method: string, ifNoneMatch: string | undefined, f: Faults): Reply {
  if (method !== 'GET' || reply.status !== 200 || reply.stream || reply.body === undefined) return reply;
  const etag = `W/"${createHash('sha1').update(JSON.stringify(reply.body)).digest('hex')}"`;
  if (ifNoneMatch !== etag) return { ...reply, headers: { ...reply.headers, etag } };
  f.remaining++;
  return { status: 304, headers: { etag } };
}

function dispatch(routes: Route[], ctx: Ctx): Promise<Reply> | Reply {
  const w = ctx.state.world;
  const repoMatch = /^\/repos\/([^/]+)\/([^/]+)/.exec(ctx.path);
  if (
    repoMatch &&
    (repoMatch[1]!.toLowerCase() !== w.owner.toLowerCase() || repoMatch[2]!.toLowerCase() !== w.repo.toLowerCase())
  )
    return notFound();
  for (const r of routes) {
    if (r.method !== ctx.method && !(r.method === 'GET' && ctx.method === 'HEAD')) continue;
    const m = r.pattern.exec(ctx.path);
    if (m) return r.handler(ctx, m.slice(1));
  }
  return notFound();
}

export async function startFakeGitHub(world: World, options: FakeOptions = {}): Promise<FakeGitHub> {
  const state = createState(world);
  const seed = options.seed ?? 42;
  const missingJobs = (id: number) => share(seed, 'jobs', id) < (options.missingJobs ?? 0);
  hideRuns(world, missingJobs);
  const routes = [
    ...actionRoutes({ expired: (id) => share(seed, 'log', id) < (options.expiredLogRate ?? 0) }, missingJobs),
    ...issueRoutes(options.issueBodyLimit ?? 65_536, options.graphqlErrors ?? false, options.graphqlMissingFields),
  ];
  const faults: Faults = { opts: options, attempts: new Map(), remaining: options.rateLimit ?? 5000 };
  const requests: RecordedRequest[] = [];
  const started = Date.now();
  const nowIso = (): string =>
    new Date(Date.parse(world.now) + (Date.now() - started)).toISOString().replace(/\.\d{3}Z$/, 'Z');
  let origin = '';

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', origin);
    const path = url.pathname.replace(GHES_PREFIX, '') || '/';
    const method = req.method ?? 'GET';
    const body = method === 'GET' || method === 'HEAD' ? undefined : await readBody(req);
    const isBlob = path.startsWith('/_blobs/');
    const record: RecordedRequest = {
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      status: 0,
      at: Date.now(),
      ...(GHES_PREFIX.test(url.pathname) ? { prefix: '/api/v3' } : {}),
      ...(body !== undefined ? { body } : {}),
    };
    requests.push(record);
    if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));

    let reply: Reply;
    const auth = req.headers.authorization ?? '';
    if (!isBlob && options.token && auth.replace(/^(token|bearer)\s+/i, '') !== options.token)
      reply = error(401, 'Bad credentials');
    else if (!isBlob && faults.remaining <= 0)
      reply = error(403, 'API rate limit exceeded for installation ID 1234567.');
    else
      reply =
        (!isBlob &&
          injectFault(
            faults,
            method,
            faultKey(method, path, url.search, body),
            method === 'GET' || graphqlRead(method, path, body),
          )) ||
        (await dispatch(routes, { state, method, url, path, origin, body, now: nowIso }));
    if (!isBlob && faults.remaining > 0) faults.remaining--;
    reply = conditional(reply, method, req.headers['if-none-match'], faults);

    record.status = reply.status;
    const headers: Record<string, string> = { 'x-github-request-id': `FAKE:${requests.length.toString(16)}` };
    if (!isBlob) {
      Object.assign(headers, {
        'x-github-api-version-selected': '2022-11-28',
        'x-ratelimit-limit': String(options.rateLimit ?? 5000),
        'x-ratelimit-remaining': String(Math.max(0, faults.remaining)),
        'x-ratelimit-used': String((options.rateLimit ?? 5000) - Math.max(0, faults.remaining)),
        'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
        'x-ratelimit-resource': path.endsWith('graphql') ? 'graphql' : 'core',
      });
    }
    await send(res, reply, headers);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: `fake GitHub crashed: ${(e as Error).message}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: origin,
    port,
    requests,
    get writes() {
      return requests.filter((r) => r.method !== 'GET' && r.method !== 'HEAD');
    },
    get issues() {
      return state.issues;
    },
    get labels() {
      return state.labels;
    },
    comments: (n) => state.comments.get(n) ?? [],
    get pinned() {
      return [...state.pinned];
    },
    state,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
