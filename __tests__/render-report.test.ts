/**
 * Golden files: the rendered Markdown of each fixture report, committed under __tests__/golden/
 * so a reviewer reads what users will see. After an intended change, regenerate them with
 *   UPDATE_GOLDEN=1 npm test -- __tests__/render-report.test.ts
 * and read the diff. A test run never writes them otherwise: a missing golden file fails, and
 * UPDATE_GOLDEN is ignored in CI (CI=true), so CI cannot bless its own output.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { muteCheckbox as muteBox } from '../src/tracking/mutes.js';
import { renderReport, VOLATILE_MARK, type RenderContext } from '../src/render/report.js';
import type { History, Report } from '../src/types.js';
import { emptyReport, fullReport } from './fixtures/render/reports.js';
import { gapsReport, hostileReport, oversizedReport } from './fixtures/render/edge-reports.js';

const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), 'golden');
const ISSUE_MAX = 65_536;
/** Shaped like encodeState's line; render-state.test.ts round-trips the real one. */
const STATE = '<!-- audit-ci:state v1 eyJ2IjoxfQ.0123456789abcdef -->';

function ctx(
  s: { history: History; report: Report },
  target: 'summary' | 'issue',
  extra: Partial<RenderContext> = {},
): RenderContext {
  const issue = target === 'issue';
  return {
    report: s.report,
    history: s.history,
    target,
    maxChars: issue ? ISSUE_MAX : 1_000_000,
    ...(issue ? { stateMarker: STATE, muteBox } : {}),
    ...extra,
  };
}

export function mayWriteGolden(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.UPDATE_GOLDEN === '1' && !env.CI;
}

function golden(name: string, text: string): void {
  const file = join(GOLDEN, `${name}.md`);
  if (mayWriteGolden()) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, text);
  }
  if (!existsSync(file))
    throw new Error(`golden file ${name}.md is missing: run UPDATE_GOLDEN=1 locally and commit it`);
  expect(text).toBe(readFileSync(file, 'utf8'));
}

/** Structure every rendering must keep, whatever was cut: closed fences and details, known comments only. */
function wellFormed(text: string): void {
  let fence: string | null = null;
  let depth = 0;
  for (const line of text.split('\n')) {
    const m = /^(`{3,})/.exec(line);
    if (fence === null && m) fence = m[1]!;
    else if (fence !== null && line === fence) fence = null;
    else if (fence === null)
      depth += (line.match(/<details/g) ?? []).length - (line.match(/<\/details>/g) ?? []).length;
  }
  expect(fence).toBeNull();
  expect(depth).toBe(0);
  const comments = text.match(/<!--.*?-->/g) ?? [];
  for (const c of comments) expect(c).toMatch(/^<!-- audit-ci:(volatile|mute:\S+|state v1 \S+) -->$/);
}

const SCENARIOS = {
  full: fullReport,
  empty: emptyReport,
  gaps: gapsReport,
  hostile: hostileReport,
};

describe('golden files', () => {
  it('TRAP: are written only when UPDATE_GOLDEN=1 asks, and never in CI', () => {
    expect(mayWriteGolden({ UPDATE_GOLDEN: '1' })).toBe(true);
    expect(mayWriteGolden({ UPDATE_GOLDEN: '1', CI: 'true' })).toBe(false);
    expect(mayWriteGolden({ UPDATE_GOLDEN: 'true' })).toBe(false);
    expect(mayWriteGolden({})).toBe(false);
  });

  for (const [name, make] of Object.entries(SCENARIOS)) {
    for (const target of ['summary', 'issue'] as const) {
      it(`${name} (${target})`, () => {
        const text = renderReport(ctx(make(), target));
        wellFormed(text);
        golden(`${name}-${target}`, text);
      });
    }
  }

  it('large (issue): the most important findings keep detail, the rest are one line each', () => {
    const text = renderReport(ctx(oversizedReport(120), 'issue'));
    expect(text.length).toBeLessThanOrEqual(ISSUE_MAX);
    wellFormed(text);
    golden('large-issue', text);
  });

  it('oversized (issue) fits the limit with its state marker last', () => {
    const text = renderReport(ctx(oversizedReport(), 'issue'));
    expect(text.length).toBeLessThanOrEqual(ISSUE_MAX);
    expect(text.endsWith(`\n${STATE}`)).toBe(true);
    wellFormed(text);
    golden('oversized-issue', text);
  });
});

describe('renderReport', () => {
  it('shows the sample, workflows, API use and the empty state', () => {
    const text = renderReport(ctx(emptyReport(), 'summary'));
    expect(text).toContain('**Sample:** 14 runs on 5 branches from 2026-11-17 03:12 UTC to 2026-11-24 03:12 UTC');
    expect(text).toContain('**Workflows:** CI (1 active workflow had no runs in the window)');
    expect(text).toContain(
      '214 REST requests · 37 answered from cache · 3 GraphQL points · 686 of the 900 budget left',
    );
    expect(text).toContain('✅ **No anomalies** in 14 runs from 2026-11-17 to 2026-11-24.');
    expect(text).not.toMatch(/### (Regressions|Infra|Hygiene)/);
  });

  it('states the GraphQL points left beside the REST rate limit', () => {
    const r = emptyReport();
    r.history.api = { ...r.history.api, rateLimitRemaining: 4_786, graphqlRemaining: 4_991 };
    const text = renderReport(ctx(r, 'summary'));
    expect(text).toMatch(/rate limit 4,786 remaining · 4,991 GraphQL points remaining/);
  });

  it('marks every line that changes on each audit as volatile, and only those', () => {
    const a = renderReport(ctx(fullReport(), 'issue'));
    const later = fullReport();
    later.report.generatedAt = '2026-11-25T03:12:44Z';
    later.report.window = { requested: '7d', from: '2026-11-18T03:00:00Z', to: '2026-11-25T03:00:00Z' };
    later.history.api = { ...later.history.api, requests: 230, rateLimitRemaining: 3_000, graphqlRemaining: 4_000 };
    const b = renderReport(ctx(later, 'issue'));
    const stable = (t: string): string[] => t.split('\n').filter((l) => !l.endsWith(VOLATILE_MARK));
    expect(a).not.toBe(b);
    expect(stable(a)).toEqual(stable(b));
  });

  it('opens with what to fix first: one table row per open finding, most important first, being-fixed last', () => {
    const s = fullReport();
    const text = renderReport(ctx(s, 'issue'));
    const at = (x: string): number => {
      const i = text.indexOf(x);
      expect(i).toBeGreaterThanOrEqual(0);
      return i;
    };
    expect(at('### What to fix first')).toBeLessThan(at('### Details'));
    expect(at('### Details')).toBeLessThan(at('### Already being fixed (1)'));
    expect(at('### Already being fixed (1)')).toBeLessThan(at('### Muted (1)'));
    const rows = text.split('\n').filter((l) => /^\| (🔴|🟠|🟡) \|/.test(l));
    const open = s.report.findings.filter((f) => !f.muted);
    expect(rows).toHaveLength(open.length);
    // Each row links to the anchor of its finding's detail, in the order of the details.
    const linked = rows.map((r) => /\]\(#(finding-[a-z0-9-]+)\)/.exec(r)![1]!);
    const anchored = [...text.matchAll(/<a name="(finding-[a-z0-9-]+)"><\/a>/g)].map((m) => m[1]!);
    expect(anchored.slice(0, linked.length)).toEqual(linked);
    expect(rows.at(-1)).toMatch(/· fix in PR \d+/);
    expect(text).toContain(
      '**8 open findings** · 2 new since the last audit · 1 already being fixed · 1 muted (not counted)',
    );
    expect(text).toContain(
      '[PR 431: Retry sandbox start once before failing](https://github.com/acme/widgets/pull/431)',
    );
    expect(text).toContain('- [x] Mute this finding <!-- audit-ci:mute:warning-');
  });

  it('says so on a first audit instead of calling every finding new', () => {
    const text = renderReport(ctx(fullReport(), 'issue', { previousAudit: false }));
    expect(text).toContain('**8 open findings** · no earlier audit to compare with · 1 already being fixed');
    expect(text).not.toMatch(/new since the last audit|🆕/);
  });

  it('lists three runs open, collapses the stored rest, and counts the others', () => {
    const text = renderReport(ctx(fullReport(), 'summary'));
    expect(text).toMatch(/<details><summary>\d+ more runs?<\/summary>\n\n\* \[CI run \d+\]/);
    expect(text).toMatch(/\* … and \d+ more runs?\n/);
  });

  it('charts the step breakdown of a slow job as a pie beside its finding', () => {
    const text = renderReport(ctx(fullReport(), 'summary'));
    expect(text).toContain('_Step breakdown of e2e, median minutes:_\n\n```mermaid\npie showData\n');
    expect(text).not.toContain('xychart');
    expect(text).not.toContain('### Job durations');
  });

  it('has no mute boxes or state in the job summary', () => {
    const text = renderReport({ ...ctx(fullReport(), 'summary'), stateMarker: STATE, muteBox });
    expect(text).not.toContain('audit-ci:mute');
    expect(text).not.toContain('audit-ci:state');
  });

  it('keeps the empty state when every finding is muted, and lists them', () => {
    const s = fullReport();
    for (const f of s.report.findings) f.muted = true;
    const text = renderReport(ctx(s, 'issue'));
    expect(text).toContain('✅ **No anomalies** in 14 runs from 2026-11-17 to 2026-11-24 (9 muted findings below).');
    expect(text).toContain('### Muted (9)');
    expect(text).not.toMatch(/### (What to fix first|Details|Already)/);
  });

  it('links the previous issue when a human closed it', () => {
    const text = renderReport(
      ctx(emptyReport(), 'issue', { previousIssueUrl: 'https://github.com/acme/widgets/issues/90' }),
    );
    expect(text).toContain(
      'This issue replaces the [previous tracking issue](https://github.com/acme/widgets/issues/90), which was closed.',
    );
  });

  it('drops detail before findings, and findings only with a note', () => {
    const s = oversizedReport(3000);
    const text = renderReport(ctx(s, 'issue'));
    expect(text).not.toContain('```');
    expect(text).toMatch(
      /> \d[\d,]* lower-priority findings are left out to stay under the size limit; the job summary and the JSON report list every finding\./,
    );
    // A moderately large report keeps every finding, one line each.
    const mid = oversizedReport(150);
    const midText = renderReport(ctx(mid, 'issue'));
    expect(midText.length).toBeLessThanOrEqual(ISSUE_MAX);
    expect(midText).not.toContain('lower-priority');
    expect((midText.match(/audit-ci:mute:/g) ?? []).length).toBe(150);
    // The most important finding keeps its detail (a top-level mute box); the least important
    // open one is a one-line item (its mute box nested under it).
    const open = mid.report.findings.filter((f) => !f.muted && !f.fixedBy);
    const [first, lastOpen] = [open[0]!, open.at(-1)!];
    expect(midText).toContain(`\n- [ ] Mute this finding <!-- audit-ci:mute:${first.id} -->`);
    expect(midText).toContain(`\n  - [ ] Mute this finding <!-- audit-ci:mute:${lastOpen.id} -->`);
  });

  it('keeps the full report in the job summary', () => {
    const text = renderReport(ctx(oversizedReport(300), 'summary'));
    expect(text).toContain('log line 29 of finding 299');
    expect(text).not.toContain('lower-priority');
  });

  it('neutralises hostile text everywhere it appears', () => {
    for (const target of ['summary', 'issue'] as const) {
      const text = renderReport(ctx(hostileReport(), target));
      // Code blocks and code spans are inert (no mentions, refs or HTML): check the rest.
      const live = text.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '').replace(/(`+)[^`]+?\1/g, '');
      expect(text).not.toContain('<!-- audit-ci:mute recurring-failure-000000000000');
      expect(text).not.toContain('<!-- audit-ci:state {');
      expect(live).not.toMatch(/@(octocat|acme|someone|ghost)/);
      expect(live).not.toMatch(/<(img|b|script)\b/);
      expect(live).not.toMatch(/#\d|GH-\d/);
      expect(text).not.toMatch(/(^|[^\\])\]\(javascript/m);
      expect(text).not.toContain('evil.example');
      wellFormed(text);
    }
  });
});
