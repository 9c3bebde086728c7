/** Response helpers shaped like GitHub's: JSON errors, pagination with `link`, status codes. */

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** A streamed text body (logs): lines produced on demand. */
  stream?: Iterable<string>;
}

export const DOCS = 'https://docs.github.com/rest';

export function error(status: number, message: string, extra: Record<string, unknown> = {}): Reply {
  return { status, body: { message, documentation_url: DOCS, status: String(status), ...extra } };
}

export const notFound = (): Reply => error(404, 'Not Found');

export function validationFailed(errors: { resource: string; code: string; field: string; message?: string }[]): Reply {
  return error(422, 'Validation Failed', { errors });
}

export interface Page<T> {
  items: T[];
  link?: string;
}

/** GitHub's pagination: per_page (default 30, at most 100), page (from 1), and a `link` header. */
export function paginate<T>(items: T[], url: URL, origin: string): Page<T> {
  const per = Math.min(100, Math.max(1, Number(url.searchParams.get('per_page') ?? 30) || 30));
  const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
  const last = Math.max(1, Math.ceil(items.length / per));
  const slice = items.slice((page - 1) * per, page * per);
  const at = (p: number): string => {
    const u = new URL(url.pathname + url.search, origin);
    u.searchParams.set('per_page', String(per));
    u.searchParams.set('page', String(p));
    return `<${u.toString()}>`;
  };
  const rels: string[] = [];
  if (page > 1) rels.push(`${at(page - 1)}; rel="prev"`);
  if (page < last) rels.push(`${at(page + 1)}; rel="next"`, `${at(last)}; rel="last"`);
  if (page > 1) rels.push(`${at(1)}; rel="first"`);
  return { items: slice, link: rels.length ? rels.join(', ') : undefined };
}

/** A list reply (`[...]`) or a wrapped one (`{ total_count, key: [...] }`), paginated. */
export function list<T>(items: T[], url: URL, origin: string, key?: string): Reply {
  const page = paginate(items, url, origin);
  const body = key ? { total_count: items.length, [key]: page.items } : page.items;
  return { status: 200, body, headers: page.link ? { link: page.link } : {} };
}

/** GitHub's `created` filter: `>=ISO`, `<=ISO`, `>ISO`, `<ISO`, `A..B`, or a plain date/time. */
export function matchesCreated(filter: string, createdAt: string): boolean {
  const t = Date.parse(createdAt);
  const parse = (s: string, end: boolean): number => {
    if (s === '*') return end ? Infinity : -Infinity;
    const ms = Date.parse(s);
    // A bare date covers the whole day.
    return /^\d{4}-\d{2}-\d{2}$/.test(s) && end ? ms + 86_399_999 : ms;
  };
  const range = /^(.+)\.\.(.+)$/.exec(filter);
  if (range) return t >= parse(range[1]!, false) && t <= parse(range[2]!, true);
  const op = /^(>=|<=|>|<)?(.+)$/.exec(filter)!;
  const v = op[2]!;
  switch (op[1]) {
    case '>=':
      return t >= parse(v, false);
    case '<=':
      return t <= parse(v, true);
    case '>':
      return t > parse(v, true);
    case '<':
      return t < parse(v, false);
    default:
      return t >= parse(v, false) && t <= parse(v, true);
  }
}
