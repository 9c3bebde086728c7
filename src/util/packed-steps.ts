/**
 * A job's steps kept as one short string instead of an array of objects. A large window holds
 * hundreds of thousands of steps (280,000 at 10,000 runs), and as objects each took ~115 bytes
 * (six fields, a timestamp string): a third of the run cache's heap. Packed, a step is 8 UTF-16
 * units (16 bytes): its number, name, status and conclusion (ids into a shared table of words),
 * and its start and end in seconds after the job's first step.
 *
 * `job.steps` stays an ordinary enumerable property for every reader (rules, JSON, spreads,
 * test matchers): an accessor that unpacks a fresh, frozen array on each read. Steps that would
 * not come back exactly (a timestamp not in GitHub's `YYYY-MM-DDTHH:MM:SSZ` form, a number or
 * a table id past 16 bits) are kept as they are.
 */
import type { Job, Step } from '../types.js';

const PACKED = Symbol('packedSteps');
const UNITS = 8;
const NULL_TIME = 0xffffffff;
const MAX_WORDS = 0xffff;

/** Words (step names, statuses, conclusions) by id; `null` is id 0. Shared by every job. */
const words: (string | null)[] = [null];
const wordIds = new Map<string | null, number>([[null, 0]]);

function wordId(w: string | null): number {
  const hit = wordIds.get(w);
  if (hit !== undefined) return hit;
  if (words.length >= MAX_WORDS) return -1;
  wordIds.set(w, words.length);
  words.push(w);
  return words.length - 1;
}

const TWO = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

/** Seconds since the epoch of `YYYY-MM-DDTHH:MM:SSZ` exactly, or -1 (null -> NULL_TIME). */
function seconds(iso: string | null): number {
  if (iso === null) return NULL_TIME;
  if (iso.length !== 20 || iso.charCodeAt(19) !== 90 /* Z */) return -1;
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms) || ms < 0 || formatSeconds(ms / 1000) !== iso) return -1;
  return ms / 1000;
}

/** Day prefixes (`2026-11-23T`) already formatted, by day number. */
const days = new Map<number, string>();

function formatSeconds(s: number): string {
  const day = Math.floor(s / 86400);
  let prefix = days.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * 86400_000).toISOString().slice(0, 11);
    if (days.size > 4096) days.clear();
    days.set(day, prefix);
  }
  const t = s - day * 86400;
  return `${prefix}${TWO[Math.floor(t / 3600)]}:${TWO[Math.floor(t / 60) % 60]}:${TWO[t % 60]}Z`;
}

/** The steps packed, or null when one of them would not unpack to itself. */
export function packSteps(steps: readonly Step[]): string | null {
  let base = Infinity;
  const times: number[] = [];
  for (const st of steps) {
    const a = seconds(st.startedAt);
    const b = seconds(st.completedAt);
    if (a < 0 || b < 0) return null;
    times.push(a, b);
    if (a !== NULL_TIME) base = Math.min(base, a);
    if (b !== NULL_TIME) base = Math.min(base, b);
  }
  if (base === Infinity) base = 0;
  const units: number[] = [base >>> 16, base & 0xffff];
  for (let i = 0; i < steps.length; i++) {
    const st = steps[i]!;
    const ids = [wordId(st.name), wordId(st.status), wordId(st.conclusion)];
    if (!Number.isInteger(st.number) || st.number < 0 || st.number > 0xffff || ids.includes(-1)) return null;
    units.push(st.number, ...ids);
    for (const t of [times[2 * i]!, times[2 * i + 1]!]) {
      const off = t === NULL_TIME ? NULL_TIME : t - base;
      units.push(off >>> 16, off & 0xffff);
    }
  }
  return String.fromCharCode(...units);
}

function timeAt(packed: string, at: number, base: number): string | null {
  const off = packed.charCodeAt(at) * 0x10000 + packed.charCodeAt(at + 1);
  return off === NULL_TIME ? null : formatSeconds(base + off);
}

export function unpackSteps(packed: string): Step[] {
  const base = packed.charCodeAt(0) * 0x10000 + packed.charCodeAt(1);
  const steps: Step[] = [];
  for (let at = 2; at < packed.length; at += UNITS) {
    steps.push(
      Object.freeze({
        number: packed.charCodeAt(at),
        name: words[packed.charCodeAt(at + 1)] as string,
        status: words[packed.charCodeAt(at + 2)] as string,
        conclusion: words[packed.charCodeAt(at + 3)] as Step['conclusion'],
        startedAt: timeAt(packed, at + 4, base),
        completedAt: timeAt(packed, at + 6, base),
      }),
    );
  }
  return Object.freeze(steps) as Step[];
}

type Holder = { [PACKED]?: string | Step[] };

function getSteps(this: Holder): Step[] {
  const v = this[PACKED];
  return typeof v === 'string' ? unpackSteps(v) : (v ?? []);
}

function setSteps(this: Holder, steps: Step[]): void {
  this[PACKED] = packSteps(steps) ?? steps;
}

/** Whether `job` came from withPackedSteps. */
export const hasPackedSteps = (job: Job): boolean => PACKED in job;

/**
 * The same job with its steps packed: a new object with the same fields in the same order (a
 * job whose `steps` is made an accessor in place would drop V8's shared shape for a
 * dictionary, larger than what packing saves).
 */
export function withPackedSteps(job: Job): Job {
  const { steps, annotationsCount, annotations, ...head } = job;
  const out = head as Job & Holder;
  Object.defineProperty(out, PACKED, { value: packSteps(steps) ?? steps, writable: true, enumerable: false });
  Object.defineProperty(out, 'steps', { get: getSteps, set: setSteps, enumerable: true, configurable: true });
  out.annotationsCount = annotationsCount;
  out.annotations = annotations;
  return out;
}
