/**
 * The runs listing of a span window (`7d`) in fixed date slices. GitHub answers at most
 * LIST_CAP runs to a filtered listing, so a busy window is listed in `created` ranges; the
 * ranges are UTC days (halved while a range holds LIST_CAP runs or more), the same from one
 * audit to the next. A slice whose runs did not change (an earlier day: its runs are completed
 * and stay as they are until re-run) then answers each of its pages with the same body, so a
 * conditional request (github/etag-cache.ts: the pages' ETags are kept in the run cache) answers
 * 304 Not Modified, which GitHub does not count: a night pays for the pages of the slices that
 * changed (the new runs, a re-run in an old slice), not for the whole window.
 */
import { PER_PAGE, type Api } from '../github/api.js';
import type { GhRun } from './map.js';

/** GitHub answers at most this many runs to a filtered listing (status, branch, created). */
export const LIST_CAP = 1000;

const DAY = 86_400_000;
const SECOND = 1000;

const isoSecond = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A `created` range, both ends included (GitHub's `A..B`), to the second. */
export interface Slice {
  from: number;
  /** Last second in the slice (inclusive). */
  to: number;
}

export const createdRange = (s: Slice): string => `${isoSecond(s.from)}..${isoSecond(s.to)}`;

/** The UTC days from the one holding `start` to the one holding `now`, newest first. */
export function daySlices(start: number, now: number): Slice[] {
  const out: Slice[] = [];
  for (let day = Math.floor(now / DAY) * DAY; day + DAY > start; day -= DAY) {
    out.push({ from: day, to: day + DAY - SECOND });
  }
  return out;
}

/** The two halves of a slice, newer first, on whole seconds; null when it is one second. */
export function halves(s: Slice): [Slice, Slice] | null {
  if (s.to <= s.from) return null;
  const mid = s.from + Math.floor((s.to - s.from) / (2 * SECOND)) * SECOND;
  return [
    { from: mid + SECOND, to: s.to },
    { from: s.from, to: mid },
  ];
}

export interface SpanListing {
  /** Slices that still held LIST_CAP runs or more at one second: their runs beyond the cap are not listed. */
  capped: Slice[];
  /** Requests the listing sent (304s included). */
  pages: number;
}

/**
 * Every run created from `start` to `now` (the days around them listed whole: the caller keeps
 * what is in the window), newest slice first, into `sink`, each run once. A slice whose first
 * page says it holds LIST_CAP runs or more is split in halves before its other pages are read.
 * A budget stop propagates: the caller keeps what was listed and says the listing is partial.
 */
export async function listSpan(
  api: Api,
  route: string,
  base: Record<string, string | number>,
  start: number,
  now: number,
  sink: (run: GhRun) => void,
): Promise<SpanListing> {
  const out: SpanListing = { capped: [], pages: 0 };
  const todo = daySlices(start, now);
  while (todo.length > 0) {
    const slice = todo.shift()!;
    const split = halves(slice);
    const over = await listSlice(api, route, { ...base, created: createdRange(slice) }, sink, out, split !== null);
    if (over && split) todo.unshift(...split);
    else if (over) out.capped.push(slice);
  }
  return out;
}

/**
 * One slice's pages into `sink`; true when it holds LIST_CAP runs or more. Then, if it can be
 * split, nothing is sunk (its halves will be listed); else what GitHub answered is sunk.
 */
async function listSlice(
  api: Api,
  route: string,
  params: Record<string, string | number>,
  sink: (run: GhRun) => void,
  out: SpanListing,
  canSplit: boolean,
): Promise<boolean> {
  const listed: GhRun[] = [];
  for (let page = 1; page <= LIST_CAP / PER_PAGE; page++) {
    const data = await api.get<{ total_count?: number; workflow_runs?: GhRun[] }>(route, {
      ...params,
      per_page: PER_PAGE,
      page,
    });
    out.pages++;
    const items = data.workflow_runs ?? [];
    // GitHub's count tells at the first page whether the slice is over the cap: no need to page it.
    if (page === 1 && canSplit && (data.total_count ?? 0) >= LIST_CAP) return true;
    listed.push(...items);
    if (items.length < PER_PAGE) break;
  }
  const over = listed.length >= LIST_CAP;
  if (!over || !canSplit) for (const r of listed) sink(r);
  return over;
}
