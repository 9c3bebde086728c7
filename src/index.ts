/** The audit's bundle (dist/audit/index.js), run by the action's entry (launch.ts) in a worker. */
import { run } from './main.js';
import { boundHeap } from './memory.js';

const stop = boundHeap();
void run().finally(stop);
