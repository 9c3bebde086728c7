/**
 * GitHub caps a step's job summary at 1 MiB of UTF-8 bytes, not characters: CJK test names
 * (3 bytes a character) made a 1,000,000-character summary 1.47 MB, which GitHub refused.
 */
import { renderSummary, SUMMARY_MAX_BYTES } from '../src/audit.js';
import { renderReport } from '../src/render/report.js';
import type { Finding } from '../src/types.js';
import { history } from './fixtures/render/history.js';
import { finding, report } from './fixtures/render/reports.js';

const NAME = '日本語のテスト名前が長いケース';

function cjkFindings(n: number): Finding[] {
  const h = history();
  const run = h.runs[0]!;
  return Array.from({ length: n }, (_, i) =>
    finding(
      {
        category: 'flaky-test',
        severity: 'medium',
        kind: 'infra',
        title: `テスト ${NAME}${i} は再試行でのみ成功する`,
        subject: { workflow: 'CI', job: 'test', test: `tests/${NAME}${i}` },
        detail: `${NAME.repeat(40)}\n\n${`${NAME.repeat(8)}\n`.repeat(30)}`,
        frequency: { runs: 3, of: 14, branches: 2 },
        occurrences: [{ runId: run.id, url: run.url, branch: `機能/${NAME}`, at: run.createdAt }],
        status: 'new',
      },
      `t${i}`,
    ),
  );
}

describe('the job summary fits GitHub’s byte cap', () => {
  it('stays within 1 MiB of UTF-8 with CJK test names, keeping as much as fits', () => {
    const h = history();
    const list = cjkFindings(700);
    const text = renderSummary({ report: report(h, list), history: h });
    const bytes = Buffer.byteLength(text, 'utf8');
    expect(bytes).toBeLessThanOrEqual(SUMMARY_MAX_BYTES);
    // Not emptied: most of the budget is used, and the first findings are there.
    expect(bytes).toBeGreaterThan(SUMMARY_MAX_BYTES * 0.8);
    expect(text).toContain(list[0]!.title.slice(0, 20));
    // The trap: the same report sized by characters alone is over the byte cap.
    const byChars = renderReport({ report: report(h, list), history: h, target: 'summary', maxChars: 1_000_000 });
    expect(Buffer.byteLength(byChars, 'utf8')).toBeGreaterThan(SUMMARY_MAX_BYTES);
  });

  it('leaves an ASCII summary that fits as it is', () => {
    const h = history();
    const small = report(h, cjkFindings(2));
    expect(renderSummary({ report: small, history: h })).toBe(
      renderSummary({ report: small, history: h }, 10 * SUMMARY_MAX_BYTES),
    );
  });
});
