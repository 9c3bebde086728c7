import { DEFAULT_CONFIG, type Config } from '../src/config.js';
import { digestLogText } from '../src/parse/log-digest.js';

const cap = (maxBytes: number): Config => ({ ...DEFAULT_CONFIG, logs: { ...DEFAULT_CONFIG.logs, maxBytes } });

describe('logs.maxBytes', () => {
  it('counts UTF-8 bytes, not characters (a CJK or symbol-heavy log is cut on time)', () => {
    // "##[error]テスト失敗" is 15 characters but 24 bytes (each kana or kanji is 3): with the
    // newline 25 bytes, so 200 bytes hold 8 such lines (by characters it would be 13).
    const text = Array.from({ length: 40 }, () => '##[error]テスト失敗').join('\n');
    const d = digestLogText(1, text, cap(200));
    expect(d.truncated).toBe(true);
    expect(d.lines).toBe(40);
    expect(d.matchCounts.error).toBe(8);
  });

  it('does not cut ASCII lines of the same length in characters early (the trap: 15 bytes each)', () => {
    const ascii = Array.from({ length: 40 }, () => '##[error]abcde').join('\n');
    expect(digestLogText(1, ascii, cap(200)).matchCounts.error).toBe(13);
  });
});
