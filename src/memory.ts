/**
 * Keeps the heap near what is live. V8 collects the old generation when it reaches a limit it
 * sets from the machine's memory, so on a runner with gigabytes free the heap of an audit grows
 * to several times its live data (garbage of API answers and log lines that outlived a
 * scavenge) before a full collection. A full collection of a ~50 MB heap takes tens of
 * milliseconds: one each time the heap grew by `step` since the last is cheap against an
 * audit's seconds, and bounds its peak.
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Heap growth (bytes) past the last collection's live size that triggers the next. */
const STEP = 12 * 1024 * 1024;
const EVERY_MS = 100;

/**
 * V8's own `gc`, exposed at run time (the flag makes every new context get a global `gc`;
 * a fresh context picks it up): null when this engine does not allow it.
 */
export function exposedGc(): (() => void) | null {
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? (gc as () => void) : null;
  } catch {
    return null;
  }
}

export interface HeapBound {
  /** Growth in bytes past the last collection's live size that triggers the next. */
  step?: number;
  everyMs?: number;
  gc?: (() => void) | null;
  /** Bytes of the heap in use. */
  used?: () => number;
}

let active: (() => void) | null = null;

/**
 * Check the heap now: between the steps of synchronous work (the rules of a 14,000-run window
 * run for seconds without yielding, so the timer cannot), a no-op unless `boundHeap` runs.
 */
export function relieveHeap(): void {
  active?.();
}

/** Start collecting whenever the heap grew by `step`; returns a function that stops. */
export function boundHeap(o: HeapBound = {}): () => void {
  const gc = o.gc === undefined ? exposedGc() : o.gc;
  const used = o.used ?? (() => getHeapStatistics().used_heap_size);
  const step = o.step ?? STEP;
  if (!gc) return () => undefined;
  let floor = used();
  const check = () => {
    if (used() < floor + step) return;
    gc();
    floor = used();
  };
  const timer = setInterval(check, o.everyMs ?? EVERY_MS);
  timer.unref();
  active = check;
  return () => {
    clearInterval(timer);
    if (active === check) active = null;
  };
}
