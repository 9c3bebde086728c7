/**
 * One line for an error that ends the audit: its real cause and the request or file behind it,
 * never a stack trace. Used by the action (main.ts) and the CLI (cli.ts).
 */

interface RequestErrorLike {
  status?: unknown;
  message?: unknown;
  request?: { method?: string; url?: string };
  response?: { headers?: Record<string, string | undefined>; data?: unknown };
  cause?: unknown;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  410: 'Gone',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

const NETWORK: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ECONNRESET: 'connection reset',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  CERT_HAS_EXPIRED: 'TLS certificate expired',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS certificate not trusted',
  SELF_SIGNED_CERT_IN_CHAIN: 'TLS certificate not trusted',
};

/** The first `code` (ECONNREFUSED, …) in an error's cause chain. */
function causeCode(e: unknown): string | undefined {
  for (let c = e, depth = 0; c && typeof c === 'object' && depth < 5; depth++) {
    const code = (c as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'ERR_INVALID_ARG_TYPE') return code;
    c = (c as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The API's own message (`{"message": "Bad credentials"}`), without the documentation link. */
function apiMessage(data: unknown): string | null {
  const m = (data as { message?: unknown } | null)?.message;
  return typeof m === 'string' && m.trim() ? m.trim().slice(0, 200) : null;
}

/** What a status means for the audit, where the API's own words do not say it. */
function statusHint(status: number, method: string, pathname: string): string | null {
  const repo = /^(?:\/api\/v3)?\/repos\/([^/]+\/[^/]+)$/.exec(pathname)?.[1];
  if (status === 404 && repo && method === 'GET') {
    return `repository ${repo} does not exist or the token cannot see it`;
  }
  if (status === 401) return 'the token is invalid, expired or revoked';
  if (status === 403) return 'the token lacks a permission this request needs';
  if (status >= 500) return "GitHub's server failed; retried, then gave up";
  return null;
}

/** `contents/.github%2Faudit-ci.yml` as the path it names. */
export function safeDecode(p: string): string {
  try {
    return decodeURIComponent(p);
  } catch {
    return p;
  }
}

function requestLine(e: RequestErrorLike): string | null {
  const { method, url } = e.request ?? {};
  if (!method || !url) return null;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  const status = typeof e.status === 'number' ? e.status : 0;
  const code = causeCode(e.cause);
  // @octokit/request reports a failed fetch as a 500 with the cause attached.
  if (code || (status === 500 && !e.response)) {
    const what = (code && NETWORK[code]) ?? String(e.message ?? 'request failed');
    return `${method} ${u.origin}${safeDecode(u.pathname)}: ${what}${code ? ` (${code})` : ''}`;
  }
  const pathname = safeDecode(u.pathname);
  const text = `${status} ${STATUS_TEXT[status] ?? ''}`.trim();
  const own = apiMessage(e.response?.data);
  const hint = statusHint(status, method, pathname);
  const notes = [own && own !== STATUS_TEXT[status] ? own : null, hint].filter(Boolean);
  return `${method} ${pathname}: ${text}${notes.length ? ` (${notes.join('; ')})` : ''}`;
}

/** One line for any error: a failed API request names the request; others keep their message. */
export function describeError(e: unknown): string {
  if (!(e instanceof Error)) return String(e).split('\n')[0]!;
  const line = requestLine(e as RequestErrorLike) ?? e.message;
  return line
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join(' ');
}

/** "no such file or directory" from "ENOENT: no such file or directory, open '/x'". */
export function fsReason(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.replace(/^[A-Z]+:\s*/, '').replace(/,\s*\w+\s+'[^']*'(?:\s*->\s*'[^']*')?$/, '');
}
