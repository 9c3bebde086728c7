/**
 * Retries against a real socket (nock cannot fake a reset connection for undici's fetch): a
 * server on 127.0.0.1 that drops the connection of the requests it is told to.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient, type ClientOptions } from '../src/github/client.js';

interface Dropping {
  url: string;
  seen: string[];
  close(): Promise<void>;
}

/** Drops the connection (no answer at all) of the first `drops` requests, then answers 200. */
async function droppingServer(drops: number): Promise<Dropping> {
  const seen: string[] = [];
  const server: Server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    if (seen.length <= drops) return void req.socket.destroy();
    res.writeHead(200, { 'content-type': 'application/json', 'x-ratelimit-remaining': '4000' });
    res.end(JSON.stringify({ default_branch: 'trunk', data: {} }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const client = (baseUrl: string, over: Partial<ClientOptions> = {}) =>
  createClient({ token: 't0ken', baseUrl, budget: 50, reserve: 0, retryBaseMs: 1, maxRetries: 3, ...over });

describe('retries on network errors', () => {
  it('retries a read whose connection was dropped, and counts every attempt', async () => {
    const gh = await droppingServer(2);
    try {
      const c = client(gh.url);
      const res = await c.octokit.request('GET /repos/{owner}/{repo}', { owner: 'o', repo: 'r' });
      expect(res.data).toMatchObject({ default_branch: 'trunk' });
      expect(gh.seen).toEqual(['GET /repos/o/r', 'GET /repos/o/r', 'GET /repos/o/r']);
      expect(c.usage.requests).toBe(3);
    } finally {
      await gh.close();
    }
  });

  it('gives up after maxRetries dropped connections', async () => {
    const gh = await droppingServer(10);
    try {
      const c = client(gh.url, { maxRetries: 1 });
      await expect(c.octokit.request('GET /repos/{owner}/{repo}', { owner: 'o', repo: 'r' })).rejects.toThrow();
      expect(gh.seen).toHaveLength(2);
    } finally {
      await gh.close();
    }
  });

  it('never sends a write or a GraphQL mutation twice, even when its connection was dropped', async () => {
    const gh = await droppingServer(10);
    try {
      const c = client(gh.url);
      await expect(
        c.octokit.request('POST /repos/{owner}/{repo}/issues', { owner: 'o', repo: 'r', title: 't' }),
      ).rejects.toThrow();
      await expect(
        c.octokit.graphql('mutation { pinIssue(input: {issueId: "x"}) { clientMutationId } }'),
      ).rejects.toThrow();
      expect(gh.seen).toEqual(['POST /repos/o/r/issues', 'POST /graphql']);
    } finally {
      await gh.close();
    }
  });

  it('retries a GraphQL query whose connection was dropped', async () => {
    const gh = await droppingServer(1);
    try {
      const c = client(gh.url);
      await c.octokit.graphql('query { viewer { login } }');
      expect(gh.seen).toEqual(['POST /graphql', 'POST /graphql']);
    } finally {
      await gh.close();
    }
  });
});
