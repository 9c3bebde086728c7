/**
 * Conditional requests for list endpoints: the ETag of the last answer is sent back as
 * `If-None-Match`; a 304 Not Modified costs nothing against the rate limit and its body
 * comes from the cache. Installed as the outermost request hook, so the client's counter
 * (innermost) sees the 304 and counts it as `notModified`, not as a request.
 */
import type { Octokit } from './client.js';

/** What the hook needs of the run cache (cache/run-cache.ts): the client does not depend on it. */
export interface EtagStore {
  getEtag(key: string): { etag: string; data: unknown } | null;
  putEtag(key: string, etag: string, data: unknown): void;
  /** One answer served from the cache on a 304. */
  hitEtag(): void;
}

/**
 * Reads worth a conditional request: they change rarely. Not the run lists of a count window:
 * a night's new runs shift every page, so their pages never answer 304 on a nightly audit, and
 * keeping their bodies (up to 10 pages of 100 runs, about 1 MB each on GitHub) cost the cache
 * file a third of its size and the warm 1,000-run bench audit 50 MB of peak RSS.
 */
const CACHEABLE = [/\/repos\/[^/]+\/[^/]+$/, /\/actions\/workflows$/, /\/pulls$/, /\/contents\/[^/\n]/];
const RUN_LIST = /\/actions\/(?:workflows\/[^/]+\/)?runs$/;
/** `created=A..B` with both ends fixed to the second: a slice of a span window (collect/slices.ts). */
const FIXED_RANGE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\.\.\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

/**
 * A page of a run list over a fixed date range: the same body as long as the runs created in
 * that range stay as they are (a re-run, a run completing, a deleted run change it), so it
 * answers 304 on the next audit unless they changed.
 */
export function isSliceUrl(url: string): boolean {
  const u = new URL(url, 'http://github.test');
  return RUN_LIST.test(u.pathname) && FIXED_RANGE.test(u.searchParams.get('created') ?? '');
}

export function isCacheableUrl(url: string): boolean {
  const { pathname } = new URL(url, 'http://github.test');
  if (pathname.endsWith('/logs')) return false;
  return isSliceUrl(url) || CACHEABLE.some((re) => re.test(pathname.replace(/\/api\/v3(?=\/)/, '')));
}

export function urlKey(url: string): string {
  const u = new URL(url, 'http://github.test');
  return `${u.pathname.replace(/^\/api\/v3(?=\/)/, '')}${u.search}`;
}

/**
 * `cache` may be a getter, so one hook serves the cache of whichever audit uses the client.
 * `shrink` gives what to keep of a 200's body (the caller must read it the same way): a run
 * list page is kept as its runs' compact records, not GitHub's ~11 KB a run.
 */
export function installEtags(
  octokit: Pick<Octokit, 'hook' | 'request'>,
  source: EtagStore | (() => EtagStore | null),
  shrink: (key: string, data: unknown) => unknown = (_key, data) => data,
): void {
  octokit.hook.wrap('request', async (request, options) => {
    const cache = typeof source === 'function' ? source() : source;
    const { url, method } = octokit.request.endpoint.parse(options);
    if (!cache || method !== 'GET' || !isCacheableUrl(url)) return request(options);
    // Keyed without the host: the same list on the same API, whatever the port or proxy.
    const key = urlKey(url);
    const cached = cache.getEtag(key);
    // Mutated in place: before-after-hook hands every inner hook the original options object.
    if (cached) options.headers = { ...(options.headers ?? {}), 'if-none-match': cached.etag };
    try {
      const res = await request(options);
      const etag = (res.headers as Record<string, string | undefined>).etag;
      if (etag && res.status === 200) cache.putEtag(key, etag, shrink(key, res.data));
      return res;
    } catch (e) {
      const err = e as { status?: number; response?: { headers?: Record<string, string> } };
      if (err.status !== 304 || !cached) throw e;
      cache.hitEtag();
      return { status: 200, url, headers: err.response?.headers ?? {}, data: cached.data };
    }
  });
}
