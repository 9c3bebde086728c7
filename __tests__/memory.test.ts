import { boundHeap, exposedGc, relieveHeap } from '../src/memory.js';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('boundHeap', () => {
  it("exposes V8's gc at run time on this Node", () => {
    const gc = exposedGc();
    expect(typeof gc).toBe('function');
    expect(() => gc!()).not.toThrow();
  });

  it('collects once the heap grew by a step past the last live size, and not before', async () => {
    let heap = 100;
    const calls: number[] = [];
    const gc = () => {
      calls.push(heap);
      heap = 110; // what a collection leaves live
    };
    const stop = boundHeap({ step: 50, everyMs: 2, gc, used: () => heap });
    heap = 149; // under 100 + 50
    await tick(20);
    expect(calls).toEqual([]);
    heap = 150;
    await tick(20);
    expect(calls).toEqual([150]);
    heap = 159; // under the new floor 110 + 50
    await tick(20);
    expect(calls).toEqual([150]);
    stop();
    heap = 500;
    await tick(20);
    expect(calls).toEqual([150]);
  });

  it('checks on demand between synchronous steps, where the timer cannot run, and only while bound', () => {
    let heap = 0;
    let calls = 0;
    const gc = () => {
      calls++;
      heap = 0;
    };
    const stop = boundHeap({ step: 10, everyMs: 60_000, gc, used: () => heap });
    heap = 5;
    relieveHeap();
    expect(calls).toBe(0);
    heap = 10;
    relieveHeap();
    expect(calls).toBe(1);
    stop();
    heap = 100;
    relieveHeap();
    expect(calls).toBe(1);
  });

  it('does nothing where gc cannot be exposed', () => {
    const stop = boundHeap({ gc: null, used: () => Infinity });
    expect(stop()).toBeUndefined();
  });
});
