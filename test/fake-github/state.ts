/** What the fake keeps between requests, and the context every route handler gets. */
import type { RawComment, RawIssue, RawLabel, World } from '../world/types.js';
import type { Reply } from './http.js';

export interface RecordedRequest {
  method: string;
  /** Path without the /api/v3 prefix and without the query. */
  path: string;
  /** When it arrived (ms since the epoch): to see pacing and retries. */
  at: number;
  /** '/api/v3' when the request came GHES-style. */
  prefix?: string;
  query: Record<string, string>;
  status: number;
  /** Parsed JSON body of a write. */
  body?: unknown;
}

export interface FakeState {
  world: World;
  issues: RawIssue[];
  labels: RawLabel[];
  comments: Map<number, RawComment[]>;
  /** Node ids of pinned issues. */
  pinned: Set<string>;
  nextId: number;
}

export interface Ctx {
  state: FakeState;
  method: string;
  url: URL;
  /** Path with the GHES prefix removed. */
  path: string;
  origin: string;
  body: unknown;
  /** Seconds-precision clock of the fake: world.now plus the time since start. */
  now(): string;
}

export type Handler = (ctx: Ctx, m: string[]) => Reply | Promise<Reply>;

export interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
}

export const route = (method: string, pattern: string, handler: Handler): Route => ({
  method,
  pattern: new RegExp(`^${pattern.replace(/\{[a-z_]+\}/g, '([^/]+)')}$`),
  handler,
});

export function createState(world: World): FakeState {
  return {
    world,
    issues: structuredClone(world.issues),
    labels: structuredClone(world.labels),
    comments: new Map(),
    pinned: new Set(),
    nextId: 3_000_000_000,
  };
}
