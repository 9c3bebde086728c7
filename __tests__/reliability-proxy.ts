/**
 * A pass-through HTTP proxy in front of the fake GitHub that answers some requests itself
 * with a GitHub-shaped error (e.g. 500 to every PATCH), for write faults the fake does not
 * inject: test/e2e/fault-proxy.ts with a status alone. Not a test file: jest only runs `*.test.ts`.
 */
import { startFaultProxy } from '../test/e2e/fault-proxy.js';

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
  const proxy = await startFaultProxy(target, (method, path) => {
    const status = fail(method, path);
    return status === null ? null : { status, message: 'Server Error' };
  });
  return { url: proxy.url, refused: proxy.answered, close: proxy.close };
}
