import { packSteps, unpackSteps, withPackedSteps } from '../src/util/packed-steps.js';
import { internJob, Interner } from '../src/util/intern.js';
import type { Job, Step } from '../src/types.js';

/**
 * Steps as GitHub's REST API sends them (`GET /repos/{o}/{r}/actions/jobs/{id}`, mapped by
 * collect/map.ts), in two real forms:
 * - `Z` seconds, the form of live answers and of GraphQL's `startedAt` (job 49289078153 of
 *   marabesi/json-tool run 17364448040, as quoted in a public test suite);
 * - an offset with milliseconds, the form of the official example (github/rest-api-description,
 *   descriptions/api.github.com/api.github.com.yaml at 85b6ee9f, components.examples.job).
 */
const LIVE: Step[] = [
  {
    number: 1,
    name: 'Set up job',
    status: 'completed',
    conclusion: 'success',
    startedAt: '2025-09-01T00:37:47Z',
    completedAt: '2025-09-01T00:37:48Z',
  },
  {
    number: 2,
    name: 'Run actions/checkout@v4',
    status: 'completed',
    conclusion: 'success',
    startedAt: '2025-09-01T00:37:48Z',
    completedAt: '2025-09-01T00:37:51Z',
  },
  {
    number: 3,
    name: 'Run tests',
    status: 'in_progress',
    conclusion: null,
    startedAt: '2025-09-01T00:37:51Z',
    completedAt: null,
  },
  {
    number: 4,
    name: 'Post Run actions/checkout@v4',
    status: 'queued',
    conclusion: null,
    startedAt: null,
    completedAt: null,
  },
];

const OPENAPI_EXAMPLE: Step[] = [
  {
    number: 1,
    name: 'Set up job',
    status: 'completed',
    conclusion: 'success',
    startedAt: '2020-01-20T09:42:40.000-08:00',
    completedAt: '2020-01-20T09:42:41.000-08:00',
  },
];

function job(steps: Step[]): Job {
  return {
    id: 49289078153,
    runId: 17364448040,
    runAttempt: 1,
    name: 'build',
    status: 'completed',
    conclusion: 'success',
    createdAt: '2025-09-01T00:37:44Z',
    startedAt: '2025-09-01T00:37:46Z',
    completedAt: '2025-09-01T00:38:14Z',
    url: 'https://github.com/marabesi/json-tool/actions/runs/17364448040/job/49289078153',
    runnerName: 'GitHub Actions 12',
    labels: ['ubuntu-latest'],
    steps,
    annotationsCount: 0,
    annotations: [],
  };
}

describe('packed steps', () => {
  it('unpacks to exactly the steps it was given, nulls and unicode names included', () => {
    const steps = [...LIVE, { ...LIVE[0]!, number: 5, name: 'Déploiement 🚀 «prod»' }];
    const packed = packSteps(steps);
    expect(packed).not.toBeNull();
    expect(unpackSteps(packed!)).toEqual(steps);
    // 2 units for the base, 8 per step: far smaller than the objects.
    expect(packed!.length).toBe(2 + 8 * steps.length);
  });

  it('keeps steps it cannot reproduce as they are: an offset or a fraction, a huge number', () => {
    expect(packSteps(OPENAPI_EXAMPLE)).toBeNull();
    expect(packSteps([{ ...LIVE[0]!, startedAt: '2025-09-01T00:37:47.5Z' }])).toBeNull();
    expect(packSteps([{ ...LIVE[0]!, startedAt: 'not a time' }])).toBeNull();
    expect(packSteps([{ ...LIVE[0]!, number: 70000 }])).toBeNull();
    const j = withPackedSteps(job(OPENAPI_EXAMPLE));
    expect(j.steps).toEqual(OPENAPI_EXAMPLE);
  });

  it('an empty step list packs and reads back empty', () => {
    expect(unpackSteps(packSteps([])!)).toEqual([]);
    expect(withPackedSteps(job([])).steps).toEqual([]);
  });

  it('a packed job reads, serialises, spreads and compares like the plain one, keys in order', () => {
    const plain = job(LIVE);
    const packed = withPackedSteps(job(LIVE.map((s) => ({ ...s }))));
    expect(packed).toEqual(plain);
    expect(JSON.stringify(packed)).toBe(JSON.stringify(plain));
    expect(Object.keys(packed)).toEqual(Object.keys(plain));
    expect({ ...packed }).toEqual(plain);
    expect(structuredClone(packed)).toEqual(plain);
  });

  it('steps read from a packed job are frozen: a write throws instead of being lost', () => {
    const packed = withPackedSteps(job(LIVE));
    expect(() => (packed.steps as Step[]).push(LIVE[0]!)).toThrow(TypeError);
    expect(() => ((packed.steps[0] as { name: string }).name = 'x')).toThrow(TypeError);
  });

  it('assigning steps packs the new ones (GraphQL fills a job in after it was made)', () => {
    const packed = withPackedSteps(job([]));
    packed.steps = LIVE.slice(0, 2);
    expect(packed.steps).toEqual(LIVE.slice(0, 2));
    packed.steps = OPENAPI_EXAMPLE;
    expect(packed.steps).toEqual(OPENAPI_EXAMPLE);
  });

  it('internJob returns the same job with packed steps and shared strings', () => {
    const words = new Interner();
    const a = internJob(job(LIVE.map((s) => ({ ...s }))), words);
    const b = internJob(job(LIVE.map((s) => ({ ...s }))), words);
    expect(a).toEqual(job(LIVE));
    expect(a.steps[1]!.name).toBe(b.steps[1]!.name);
    expect(a.labels).toEqual(['ubuntu-latest']);
  });

  it('internJob keeps every annotation as it was (the sharing, invisible to code, shows in the bench)', () => {
    const words = new Interner();
    // GitHub's deprecation notice, as it annotates every job of a workflow still on Node 20 actions.
    const note = () => ({
      path: '.github',
      startLine: null,
      level: 'warning' as const,
      title: null,
      message: ['Node.js 20 actions are deprecated.', 'The following actions are running on Node.js 20'].join(' '),
    });
    const a = internJob({ ...job(LIVE), annotations: [note()] }, words);
    const b = internJob({ ...job(LIVE), annotations: [note(), { ...note(), message: 'other' }] }, words);
    expect(b.annotations.map((x) => x.message)).toEqual([note().message, 'other']);
    expect(a.annotations).toEqual([note()]);
    expect(internJob(job(LIVE), words).annotations).toEqual([]);
  });
});
