/**
 * A job log line's timestamp (`2024-05-01T12:34:56.1234567Z`, the runner's seven digits) as the
 * ISO string the digest keeps (`2024-05-01T12:34:56.123Z`): what `Date.parse` then `toISOString`
 * give, or null where `Date.parse` refuses it. Every line has a stamp, so a 1,000-run audit ran
 * `Date.parse` and `toISOString` on 400,000 of them (350 ms of its CPU); most need neither.
 */

/** The reference: what the digest has always kept. */
export function isoOfStamp(stamp: string): string | null {
  const ms = Date.parse(stamp);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

const ZERO = 48;

/** The number of `len` digits at `at`, or -1 if any is not a digit. */
function digits(s: string, at: number, len: number): number {
  let n = 0;
  for (let i = at; i < at + len; i++) {
    const d = s.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/**
 * The same answer as `isoOfStamp`, without a Date for a stamp whose fields are in range: then
 * `Date.parse` moves nothing, and the ISO string is the stamp's second and the fraction's first
 * three digits (`Date.parse` truncates up to nine digits, it does not round). A stamp that `Date.parse` would
 * move (`T24:00:00` is the next day's midnight, `02-30` is in March) or refuse, or any other
 * shape, goes to `isoOfStamp`.
 */
export function fastIsoOfStamp(stamp: string): string | null {
  const n = stamp.length;
  if (n < 20 || stamp[n - 1] !== 'Z' || stamp[4] !== '-' || stamp[7] !== '-' || stamp[10] !== 'T')
    return isoOfStamp(stamp);
  if (stamp[13] !== ':' || stamp[16] !== ':' || (n > 20 && (stamp[19] !== '.' || n === 21))) return isoOfStamp(stamp);
  const y = digits(stamp, 0, 4);
  const mo = digits(stamp, 5, 2);
  const d = digits(stamp, 8, 2);
  const h = digits(stamp, 11, 2);
  const mi = digits(stamp, 14, 2);
  const s = digits(stamp, 17, 2);
  // Past nine digits V8 misreads a fraction with leading zeros (`.0002000000` as 2 ms): left to it.
  const f = n > 30 ? -1 : n > 21 ? digits(stamp, 20, n - 21) : 0;
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59 || f < 0)
    return isoOfStamp(stamp);
  if (d > DAYS[mo - 1]! + (mo === 2 && leap(y) ? 1 : 0)) return isoOfStamp(stamp);
  if (n >= 24) return `${stamp.slice(0, 23)}Z`;
  return `${stamp.slice(0, 19)}.${stamp.slice(20, n - 1).padEnd(3, '0')}Z`;
}
