/** Generated log lines for the bulk of a step's output. */
import type { Rng } from './prng.js';

export type FillKind = 'pytest' | 'docker' | 'mkdocs' | 'branches' | 'tags' | 'pip';

const AREAS = ['unit', 'integration', 'api', 'models', 'cli', 'storage'];
const NOUNS = [
  'user',
  'order',
  'invoice',
  'session',
  'cursor',
  'upload',
  'token',
  'report',
  'schema',
  'query',
  'cache',
  'webhook',
  'export',
  'tenant',
  'quota',
  'audit',
];
const VERBS = [
  'create',
  'delete',
  'update',
  'list',
  'rejects',
  'accepts',
  'paginates',
  'retries',
  'validates',
  'serializes',
  'merges',
  'expires',
  'renders',
  'parses',
];
const PKGS = [
  'requests',
  'urllib3',
  'pydantic',
  'sqlalchemy',
  'alembic',
  'httpx',
  'anyio',
  'uvicorn',
  'fastapi',
  'starlette',
  'jinja2',
  'click',
  'rich',
  'orjson',
  'boto3',
  'botocore',
  'psycopg',
  'redis',
  'celery',
  'kombu',
  'attrs',
  'structlog',
  'tenacity',
  'cryptography',
];

/** Generated lines that differ in words (as real output does), except tags, which differ only in numbers. */
export function fillLine(kind: FillKind, i: number, n: number, rng: Rng): string {
  const w = <T>(xs: readonly T[]): T => rng.pick(xs);
  switch (kind) {
    case 'pytest':
      return `[gw${i % 4}] [${String(Math.floor((100 * i) / n)).padStart(3)}%] PASSED tests/${w(AREAS)}/test_${w(NOUNS)}.py::test_${w(VERBS)}_${w(NOUNS)}`;
    case 'docker': {
      const pkg = w(PKGS);
      return i % 2
        ? `Collecting ${pkg}>=${rng.int(1, 9)}.${rng.int(0, 30)}`
        : `Downloading ${pkg}-${rng.int(1, 9)}.${rng.int(0, 30)}.${rng.int(0, 9)}-py3-none-any.whl (${rng.int(20, 900)} kB)`;
    }
    case 'mkdocs':
      return `DEBUG   -  Reading: ${w(AREAS)}/${w(NOUNS)}-${w(VERBS)}.md`;
    case 'branches': {
      const b = `${w(['feat', 'fix', 'chore', 'docs', 'spike'])}/${w(VERBS)}-${w(NOUNS)}`;
      return ` * [new branch]          ${b} -> origin/${b}`;
    }
    case 'pip': {
      // pip's real shape: Collecting, Downloading, then its rich bar (once per file off a terminal).
      const pkg = PKGS[Math.floor(i / 3) % PKGS.length]!;
      const kb = rng.int(20, 900);
      if (i % 3 === 0) return `Collecting ${pkg}>=${rng.int(1, 9)}.${rng.int(0, 30)}`;
      if (i % 3 === 1)
        return `  Downloading ${pkg}-${rng.int(1, 9)}.${rng.int(0, 30)}.${rng.int(0, 9)}-py3-none-any.whl (${kb} kB)`;
      return `     ${'━'.repeat(40)} ${kb}.0/${kb}.0 kB ${rng.int(5, 90)}.${rng.int(0, 9)} MB/s eta 0:00:00`;
    }
    case 'tags': {
      const t = `v1.${Math.floor(i / 10)}.${i % 10}`;
      return ` * [new tag]             ${t} -> ${t}`;
    }
  }
}
