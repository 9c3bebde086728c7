/**
 * A pass-through HTTP proxy in front of the fake GitHub that answers some requests itself
 * with a GitHub-shaped error (e.g. 500 to every PATCH), for write faults the fake does not
 * inject. Not a test file: jest only runs `*.test.ts`.
 */
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Proxy {
  url: string;
  /** "METHOD path" of every request answered with an error. */
  refused: string[];
  close(): Promise<void>;
}

export async function startProxy(
  target: string,
  fail: (method: string, path: string) => number | null,
): Promise<Proxy> {
  const to = new URL(target);
  const refused: string[] = [];
  const server = createServer((req, res) => {
    const status = fail(req.method ?? 'GET', req.url ?? '/');
    if (status !== null) {
      refused.push(`${req.method} ${req.url}`);
      req.resume();
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ message: 'Server Error', documentation_url: 'https://docs.github.com/rest' }));
      return;
    }
    const out = request(
      { host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers },
      (back) => {
        res.writeHead(back.statusCode ?? 502, back.headers);
        back.pipe(res);
      },
    );
    out.on('error', () => res.destroy());
    req.pipe(out);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    refused,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
