import { createHash } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { applyState } from '../src/tracking/apply.js';
import { fingerprint, muteHolds } from '../src/tracking/fingerprint.js';
import { muteCheckbox, readMutes } from '../src/tracking/mutes.js';
import {
  comparableBody,
  decodeState,
  encodeState,
  readState,
  TRACKING_MARKER,
  VOLATILE_MARK,
  type AuditState,
} from '../src/tracking/state.js';
import type { Finding } from '../src/types.js';

const ID_A = 'flaky-test-0123456789ab';
const ID_B = 'slow-abcdef012345';

const finding = (over: Partial<Finding> = {}): Finding => ({
  id: ID_A,
  category: 'flaky-test',
  severity: 'medium',
  kind: 'infra',
  title: 'tests/test_api.py::test_login flaked in 3 of 50 runs',
  subject: { workflow: 'CI', test: 'tests/test_api.py::test_login' },
  detail: 'AssertionError',
  frequency: { runs: 3, of: 50, branches: 2 },
  occurrences: [],
  ...over,
});

const state = (over: Partial<AuditState> = {}): AuditState => ({
  v: 1,
  at: '2026-11-20T00:00:00.000Z',
  findings: {
    [ID_A]: {
      firstSeen: '2026-11-01T00:00:00.000Z',
      category: 'flaky-test',
      title: 'a',
      fingerprint: 'medium|infra|local|f1',
    },
  },
  ...over,
});

/** A body shaped like the renderer's: text, mute boxes, the marker at the end. */
const body = (s: AuditState, boxes = ''): string => `# CI audit\n\nSome findings\n${boxes}\n\n${encodeState(s)}\n`;

describe('state marker', () => {
  it('round-trips through an issue body, also with CRLF line endings', () => {
    const s = state({ runs: 42 });
    expect(decodeState(body(s))).toEqual(s);
    expect(decodeState(body(s).replace(/\n/g, '\r\n'))).toEqual(s);
    expect(encodeState(s)).toContain(TRACKING_MARKER);
  });

  it('round-trips any valid state (property)', () => {
    const entry = fc.record({
      firstSeen: fc.constant('2026-11-01T00:00:00.000Z'),
      category: fc.constant('slow' as const),
      title: fc.string({ maxLength: 40 }),
      fingerprint: fc.string({ maxLength: 20 }),
    });
    fc.assert(
      fc.property(fc.dictionary(fc.stringMatching(/^slow-[0-9a-f]{12}$/), entry), (findings) => {
        const s: AuditState = { v: 1, at: '2026-11-24T00:00:00.000Z', findings };
        expect(decodeState(`x\n${encodeState(s)}`)).toEqual(s);
      }),
    );
  });

  it('returns null for an absent, corrupt or forged marker and never throws', () => {
    const good = body(state());
    expect(decodeState(undefined)).toBeNull();
    expect(decodeState('no marker here')).toBeNull();
    // One character of the payload changed: the checksum no longer matches.
    const corrupt = good.replace(/v1 ([A-Za-z0-9_-])/, (_m, c: string) => `v1 ${c === 'A' ? 'B' : 'A'}`);
    expect(decodeState(corrupt)).toBeNull();
    // A hand-made marker with a plausible payload but a made-up checksum.
    const payload = Buffer.from(JSON.stringify(state({ at: 'forged' }))).toString('base64url');
    expect(decodeState(`<!-- audit-ci:state v1 ${payload}.0123456789abcdef -->`)).toBeNull();
    // Valid checksum but not a state (wrong version).
    const bad = encodeState({ ...state(), v: 2 } as unknown as AuditState);
    expect(decodeState(bad)).toBeNull();
    expect(decodeState('<!-- audit-ci:state v1 %%%.zz -->')).toBeNull();
  });

  it('names why a state line cannot be read, in one line, and gives no state (never a partial one)', () => {
    // A line with a valid checksum over any payload, as only a forger (or another tool) makes it.
    const signed = (payload: string) =>
      `<!-- audit-ci:state v1 ${payload}.${createHash('sha256').update(`audit-ci:state:v1:${payload}`).digest('hex').slice(0, 16)} -->`;
    const deflated = (text: string) => deflateRawSync(Buffer.from(text, 'utf8')).toString('base64url');
    const foreign = (v: unknown) => encodeState(v as AuditState);
    const good = body(state());
    const cases: [string, string, RegExp][] = [
      ['hand-edited line', good.replace(/ -->\n$/, '-->\n'), /not in the format audit-ci writes/],
      [
        'one payload character changed',
        good.replace(/v1 ([A-Za-z0-9_-])/, (_m, c: string) => `v1 ${c === 'A' ? 'B' : 'A'}`),
        /checksum does not match/,
      ],
      ['not deflated', signed('aGVsbG8'), /does not decompress/],
      ['not JSON', signed(deflated('{"v":1,')), /payload is not JSON/],
      ['another version', foreign({ ...state(), v: 2 }), /not a state this version reads \(v: expected 1\)/],
      ['a key of the wrong type', foreign({ ...state(), runs: 'many' }), /runs: expected number/],
      [
        'an entry without its date',
        foreign({ ...state(), findings: { [ID_A]: { category: 'slow', title: '', fingerprint: '' } } }),
        new RegExp(`findings\\.${ID_A}\\.firstSeen: missing`),
      ],
      [
        'an id no finding has',
        foreign({ ...state(), findings: { '../../x': state().findings[ID_A] } }),
        /findings\.\.\.\/\.\.\/x: /,
      ],
      ['a payload that inflates past 1 MiB', foreign({ ...state(), at: ' '.repeat(2 << 20) }), /inflates beyond 1 MiB/],
    ];
    for (const [what, text, why] of cases) {
      const read = readState(text);
      expect({ what, state: read.state }).toEqual({ what, state: null });
      expect({ what, problem: read.problem }).toEqual({ what, problem: expect.stringMatching(why) });
      expect(read.problem).not.toMatch(/\n/);
    }
    // No state line at all (a first audit, a human's issue) is no problem to report.
    expect(readState('# CI audit\n\nno marker')).toEqual({ state: null, problem: null });
    expect(readState(undefined)).toEqual({ state: null, problem: null });
    // The trap: a good state, also with keys a later version may add, reads with no problem.
    expect(readState(good)).toEqual({ state: state(), problem: null });
    const later = { ...state(), extra: { x: 1 } } as AuditState;
    expect(readState(encodeState(later))).toEqual({ state: later, problem: null });
  });

  it('stays small: 80 findings and 100 remembered gone ones fit in a few kilobytes', () => {
    const hex = (i: number) => i.toString(16).padStart(12, '0');
    const findings = Object.fromEntries(
      Array.from({ length: 80 }, (_, i) => [
        `flaky-test-${hex(i)}`,
        {
          firstSeen: `2026-11-${String((i % 28) + 1).padStart(2, '0')}T06:00:00.000Z`,
          category: 'flaky-test' as const,
          title: `tests/integration/test_module_${i}.py::test_case_number_${i * 7} flaked in ${i % 9} of 50 runs`,
          fingerprint: `medium|infra|local|f${i % 4}`,
        },
      ]),
    );
    const gone = Object.fromEntries(
      Array.from({ length: 100 }, (_, i) => [
        `slow-${hex(1000 + i)}`,
        {
          firstSeen: '2026-11-01T06:00:00.000Z',
          category: 'slow' as const,
          title: '',
          fingerprint: 'low|infra|local|f0',
          goneAt: '2026-11-20T06:00:00.000Z',
        },
      ]),
    );
    const marker = encodeState({ v: 1, at: '2026-11-24T06:00:00.000Z', findings, gone, runs: 50 });
    expect(marker.length).toBeLessThan(12_000);
    // A payload that inflates beyond 1 MiB is refused, not decompressed without bound.
    const bomb = state({ findings: { [ID_A]: { ...state().findings[ID_A]!, title: ' '.repeat(2 << 20) } } });
    expect(encodeState(bomb).length).toBeLessThan(10_000);
    expect(decodeState(encodeState(bomb))).toBeNull();
    expect(decodeState(marker)?.findings).toEqual(findings);
  });

  it('only the last marker counts: an earlier one (quoted text) is ignored', () => {
    const quoted = state({ at: 'quoted' });
    const real = state({ at: 'real' });
    expect(decodeState(`${encodeState(quoted)}\ntext\n${encodeState(real)}`)?.at).toBe('real');
    // A corrupt marker after a good one wins the position and so the state is unreadable:
    // better "all new" once than trusting a marker that is not where the audit writes it.
    expect(decodeState(`${encodeState(real)}\n<!-- audit-ci:state v1 abc.0000000000000000 -->`)).toBeNull();
  });
});

describe('comparableBody', () => {
  it('ignores volatile lines, the state time and CRLF; sees real changes', () => {
    const a = `# Audit\nSampled at 10:00 ${VOLATILE_MARK}\n- finding 1\n${encodeState(state({ at: 'x' }))}`;
    const b = `# Audit\r\nSampled at 11:00 ${VOLATILE_MARK}\r\n- finding 1\r\n${encodeState(state({ at: 'y' }))}`;
    expect(comparableBody(a)).toBe(comparableBody(b));
    expect(comparableBody(a)).not.toBe(comparableBody(a.replace('finding 1', 'finding 2')));
    const moreRuns = a.replace(encodeState(state({ at: 'x' })), encodeState(state({ at: 'x', runs: 3 })));
    expect(comparableBody(a)).toBe(comparableBody(moreRuns));
    const changedState = encodeState(state({ at: 'x', findings: {} }));
    expect(comparableBody(a)).not.toBe(comparableBody(a.replace(encodeState(state({ at: 'x' })), changedState)));
  });
});

describe('mute boxes', () => {
  it('reads ticked boxes it wrote, and nothing else', () => {
    const text = [
      muteCheckbox(ID_A, true),
      muteCheckbox(ID_B, false),
      `  ${muteCheckbox('slow-ffffffffffff', false).replace('[ ]', '[X]')}`,
      '- [x] Mute this finding <!-- audit-ci:mute:Bad Id -->',
      '- [x] mute this finding <!-- audit-ci:mute:other-000000000000 -->',
      'text - [x] Mute this finding <!-- audit-ci:mute:other-111111111111 -->',
    ].join('\r\n');
    expect([...readMutes(text)].sort()).toEqual([ID_A, 'slow-ffffffffffff']);
    expect(readMutes(null).size).toBe(0);
  });
});

describe('fingerprint and muteHolds', () => {
  it('holds for the same or a milder finding, lifts when it gets worse', () => {
    const base = fingerprint(finding());
    expect(muteHolds(base, fingerprint(finding({ frequency: { runs: 4, of: 50, branches: 3 } })))).toBe(true);
    expect(muteHolds(base, fingerprint(finding({ severity: 'low' })))).toBe(true);
    expect(muteHolds(base, fingerprint(finding({ severity: 'high' })))).toBe(false);
    expect(muteHolds(base, fingerprint(finding({ kind: 'regression' })))).toBe(false);
    expect(muteHolds(base, fingerprint(finding({ systemic: true })))).toBe(false);
    expect(muteHolds(base, fingerprint(finding({ frequency: { runs: 30, of: 50, branches: 3 } })))).toBe(false);
    expect(muteHolds('garbage', base)).toBe(false);
  });
});

describe('applyState', () => {
  const NOW = '2026-11-24T00:00:00.000Z';

  it('marks new and ongoing, carries first seen, lists resolved', () => {
    const prev = state({
      findings: {
        ...state().findings,
        [ID_B]: { firstSeen: '2026-11-02T00:00:00.000Z', category: 'slow', title: 'Slow job', fingerprint: 'x' },
      },
    });
    const fresh = finding({ id: 'warning-999999999999', category: 'warning' });
    const out = applyState([finding(), fresh], prev, new Set(), NOW, { runs: 50 });
    expect(out.findings.map((f) => [f.status, f.firstSeen])).toEqual([
      ['ongoing', '2026-11-01T00:00:00.000Z'],
      ['new', NOW],
    ]);
    expect(out.resolved).toEqual([{ id: ID_B, category: 'slow', title: 'Slow job' }]);
    expect(out.state.runs).toBe(50);
    expect(out.state.at).toBe(NOW);
    expect(Object.keys(out.state.findings).sort()).toEqual([ID_A, 'warning-999999999999'].sort());
  });

  it('first audit: everything new, nothing resolved', () => {
    const out = applyState([finding()], null, new Set(), NOW);
    expect(out.findings[0]).toMatchObject({ status: 'new', firstSeen: NOW });
    expect(out.findings[0]!.muted).toBeUndefined();
    expect(out.resolved).toEqual([]);
  });

  it('mute round-trip: a tick survives the next audits and lifts when the finding gets worse', () => {
    // Audit 1 renders an unticked box; a maintainer ticks it.
    const a1 = applyState([finding()], null, new Set(), '2026-11-20T00:00:00.000Z');
    const ticked = body(a1.state, muteCheckbox(ID_A, false).replace('[ ]', '[x]'));
    // Audit 2: muted, and the renderer renders the box ticked again.
    const a2 = applyState([finding()], decodeState(ticked), readMutes(ticked), '2026-11-21T00:00:00.000Z');
    expect(a2.findings[0]!.muted).toBe(true);
    expect(a2.state.findings[ID_A]!.muted).toBe(true);
    const body2 = body(a2.state, muteCheckbox(ID_A, true));
    // Audit 3: one run more, same bucket: still muted.
    const same = finding({ frequency: { runs: 4, of: 50, branches: 2 } });
    const a3 = applyState([same], decodeState(body2), readMutes(body2), '2026-11-22T00:00:00.000Z');
    expect(a3.findings[0]!.muted).toBe(true);
    const body3 = body(a3.state, muteCheckbox(ID_A, true));
    // Audit 4: now in most runs: the mute lifts and the box renders unticked.
    const worse = finding({ frequency: { runs: 30, of: 50, branches: 6 } });
    const a4 = applyState([worse], decodeState(body3), readMutes(body3), '2026-11-23T00:00:00.000Z');
    expect(a4.findings[0]!.muted).toBeUndefined();
    expect(a4.state.findings[ID_A]!.muted).toBeUndefined();
    // Audit 5: the box was unticked: stays unmuted.
    const body4 = body(a4.state, muteCheckbox(ID_A, false));
    expect(applyState([worse], decodeState(body4), readMutes(body4), NOW).findings[0]!.muted).toBeUndefined();
  });

  it('a maintainer unticking the box unmutes', () => {
    const prev = state();
    prev.findings[ID_A]!.muted = true;
    expect(applyState([finding()], prev, new Set(), NOW).findings[0]!.muted).toBeUndefined();
  });

  it('a muted finding the renderer left out for size stays muted; an unticked box unmutes', () => {
    const prev = state();
    prev.findings[ID_A]!.muted = true;
    prev.findings[ID_A]!.fingerprint = fingerprint(finding());
    const withoutBox = body(prev, muteCheckbox(ID_B, false));
    expect(readMutes(withoutBox).present.has(ID_B)).toBe(true);
    expect(applyState([finding()], prev, readMutes(withoutBox), NOW).findings[0]!.muted).toBe(true);
    const unticked = body(prev, muteCheckbox(ID_A, false));
    expect(applyState([finding()], prev, readMutes(unticked), NOW).findings[0]!.muted).toBeUndefined();
    // A box ticked for a finding the state does not know (state lost): the tick is trusted.
    const ticked = body(state({ findings: {} }), muteCheckbox(ID_A, true));
    expect(applyState([finding()], null, readMutes(ticked), NOW).findings[0]!.muted).toBe(true);
  });

  it('a finding that leaves and re-enters the window keeps its first-seen date and its mute', () => {
    const prev = state();
    prev.findings[ID_A]!.muted = true;
    prev.findings[ID_A]!.fingerprint = fingerprint(finding());
    const away = applyState([], prev, new Set([ID_A]), '2026-11-22T00:00:00.000Z');
    expect(away.resolved.map((r) => r.id)).toEqual([ID_A]);
    expect(away.state.gone?.[ID_A]).toMatchObject({ muted: true, goneAt: '2026-11-22T00:00:00.000Z' });
    const back = applyState([finding()], decodeState(encodeState(away.state)), new Set(), NOW);
    expect(back.findings[0]).toMatchObject({ status: 'new', firstSeen: '2026-11-01T00:00:00.000Z', muted: true });
    expect(back.resolved).toEqual([]);
    expect(back.state.gone).toBeUndefined();
  });

  it('forgets gone findings after 30 days', () => {
    const prev = state({
      findings: {},
      gone: { [ID_A]: { ...state().findings[ID_A]!, goneAt: '2026-10-01T00:00:00.000Z' } },
    });
    expect(applyState([], prev, new Set(), NOW).state.gone).toBeUndefined();
  });
});
