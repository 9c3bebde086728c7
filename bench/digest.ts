/**
 * `npm run bench:digest [-- --mb 64 --shapes plain,notes --rss]`
 *
 * Digest time by line shape, line length and log size, through the real log reader
 * (`readLog`: 64 KB chunks, UTF-8 decoding, line splitting, the digest with the default
 * patterns). Linear time means the MB/s column stays flat as lines and logs grow. Each
 * 64 MB case also runs alone in a child process for its peak RSS. Not a test: no timing
 * is asserted anywhere.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Api } from '../src/github/api.js';
import { readLog } from '../src/collect/logs.js';
import { DEFAULT_CONFIG } from '../src/config.js';

const STAMP = '2026-11-24T10:00:00.1234567Z ';

/** Line shapes, each a function of the wanted line length (without the timestamp). */
const SHAPES: Record<string, (len: number, i: number) => string> = {
  /** An ordinary output line: words, a number, a path. */
  plain: (len, i) => fill(`Compiling crate_${i % 97} v0.${i % 13}.1 (/home/runner/work/x) `, len),
  /** The old `notesFetchFailed` worst case: `refs/notes/` then spaces, no verdict word. */
  notes: (len) => `refs/notes/${' '.repeat(Math.max(0, len - 11))}`,
  /** Alternation-heavy: every other word starts a pattern that never completes. */
  near: (len) => fill('fatal refs/notes denied refs/note permission denie ', len),
  /** Digits, times, hex and durations: the normaliser's work. */
  numbers: (len, i) => fill(`${i} 12:34:56.789 deadbeef${i} 3.5s 0x${i.toString(16)} `, len),
  /** One run of a single character (a progress bar, base64 without newlines). */
  run: (len) => 'a'.repeat(len),
  /** Deep indentation before a word (git's ref listing regex was quadratic on it). */
  indent: (len) => `${' '.repeat(Math.max(0, len - 12))}[up to date]x`,
  /** Backticks and brackets: what the Markdown span and PR-matching scans choke on. */
  ticks: (len) => fill('`a`` [b [c `` d ', len),
  /** Wide characters: a CJK test name over and over. */
  cjk: (len) => fill('テスト名前の長いケース ', len),
};

function fill(unit: string, len: number): string {
  return unit.repeat(Math.ceil(len / unit.length)).slice(0, len);
}

/** A log of about `bytes` bytes of `shape` lines of `len` characters, as a lazy stream. */
function logStream(shape: string, len: number, bytes: number): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  const make = SHAPES[shape]!;
  let sent = 0;
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      const lines: string[] = [];
      let size = 0;
      while (size < 64 * 1024) {
        const line = `${STAMP}${make(len, i++)}\n`;
        lines.push(line);
        size += line.length;
      }
      const chunk = enc.encode(lines.join(''));
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
}

/** The log endpoint answering 200 with the stream (readLog accepts that, as some servers do). */
function fakeApi(stream: ReadableStream<Uint8Array>): Api {
  return { owner: 'o', repo: 'r', send: async () => ({ status: 200, data: stream, headers: {} }) } as unknown as Api;
}

async function timeDigest(
  shape: string,
  len: number,
  mb: number,
): Promise<{ ms: number; lines: number; bytes: number }> {
  const t0 = performance.now();
  const d = await readLog(fakeApi(logStream(shape, len, mb * 1024 * 1024)), 1, DEFAULT_CONFIG);
  return { ms: performance.now() - t0, lines: d.lines, bytes: d.bytes };
}

function rssOf(shape: string, len: number, mb: number): string {
  const self = fileURLToPath(import.meta.url);
  const out = execFileSync(process.execPath, [...process.execArgv, self, '--one', `${shape},${len},${mb}`], {
    encoding: 'utf8',
  });
  return out.trim();
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const one = arg('one');
  if (one) {
    const [shape, len, mb] = one.split(',');
    await timeDigest(shape!, Number(len), Number(mb));
    process.stdout.write(`${Math.round(process.resourceUsage().maxRSS / 1024)}\n`);
    return;
  }
  const maxMb = Number(arg('mb') ?? 64);
  const shapes = (arg('shapes') ?? Object.keys(SHAPES).join(',')).split(',');
  const lens = [100, 1000, 4000, 16_000, 1_000_000];
  const sizes = [1, 4, 16, 64].filter((s) => s <= maxMb);
  console.log('| shape | line chars | log MB | lines | seconds | MB/s | peak RSS MB |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const shape of shapes) {
    const rows: [number, number][] = [
      ...lens.map((l): [number, number] => [l, Math.min(4, maxMb)]),
      ...sizes.map((s): [number, number] => [4000, s]),
    ];
    for (const [len, mb] of rows) {
      const r = await timeDigest(shape, len, mb);
      const mbRead = r.bytes / 1024 / 1024;
      const rss = mb >= 64 && process.argv.includes('--rss') ? rssOf(shape, len, mb) : '';
      console.log(
        `| ${shape} | ${len.toLocaleString('en-US')} | ${mbRead.toFixed(0)} | ${r.lines.toLocaleString('en-US')} | ` +
          `${(r.ms / 1000).toFixed(2)} | ${(mbRead / (r.ms / 1000)).toFixed(1)} | ${rss} |`,
      );
    }
  }
}

await main();
