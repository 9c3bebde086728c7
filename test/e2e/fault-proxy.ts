/**
 * A pass-through proxy in front of the fake GitHub that answers chosen requests itself,
 * with any status, headers and GitHub-shaped JSON body: rate limits with `retry-after`,
 * secondary-limit messages, 410s on every log, 500s on writes.
 */
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FaultReply {
  status: number;
  headers?: Record<string, string>;
  message?: string;
}

export interface FaultProxy {
  url: string;
  /** "METHOD path" of every request answered by the proxy. */
  answered: string[];
  close(): Promise<void>;
}

export async function startFaultProxy(
  target: string,
  fault: (method: string, path: string) => FaultReply | null,
): Promise<FaultProxy> {
  const to = new URL(target);
  const answered: string[] = [];
  const server = createServer((req, res) => {
    const f = fault(req.method ?? 'GET', req.url ?? '/');
    if (f) {
      answered.push(`${req.method} ${req.url}`);
      req.resume();
      res.writeHead(f.status, { 'content-type': 'application/json; charset=utf-8', ...f.headers });
      res.end(JSON.stringify({ message: f.message ?? 'Error', documentation_url: 'https://docs.github.com/rest' }));
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
    answered,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
