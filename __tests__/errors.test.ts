/**
 * An error that ends the audit is one line naming its real cause and the request behind it
 * (not the rules-file input for every failure). Bodies are GitHub's documented error shapes
 * (docs.github.com/rest: "Bad credentials" 401, "Not Found" 404, the primary rate limit's 403
 * with x-ratelimit-remaining: 0), served by nock through the real client.
 */
import nock from 'nock';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { audit, type Logger } from '../src/audit.js';
import { createClient } from '../src/github/client.js';
import { describeError, fsReason } from '../src/errors.js';
import { readSettings, INPUT_DEFAULTS, type InputName } from '../src/inputs.js';
import { API, OWNER, REPO } from './fixtures/collect/github.js';

const quiet: Logger = { info: () => {}, warn: () => {}, debug: () => {}, group: (_n, fn) => fn() };
const CONTENTS = `/repos/${OWNER}/${REPO}/contents/.github`;

async function failure(baseUrl = API): Promise<string> {
  const given: Partial<Record<InputName, string>> = { token: 'ghs_x', repository: `${OWNER}/${REPO}`, issue: 'false' };
  const settings = readSettings((n) => given[n] ?? INPUT_DEFAULTS[n], {});
  const client = createClient({ token: 'ghs_x', baseUrl, budget: 900, reserve: 25, maxRetries: 0 });
  try {
    await audit({ settings, client, serverUrl: 'https://github.com', log: quiet, cacheStore: null });
  } catch (e) {
    return describeError(e);
  }
  throw new Error('the audit did not fail');
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => {
  nock.enableNetConnect();
  nock.restore();
});

describe('describeError', () => {
  it('a bad token: the request and 401, not the rules file', async () => {
    nock(API)
      .get((p) => p.startsWith(CONTENTS))
      .reply(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' });
    const line = await failure();
    expect(line).toBe(
      'GET /repos/acme/widgets/contents/.github/audit-ci.yml: 401 Unauthorized (Bad credentials; the token is invalid, expired or revoked)',
    );
    expect(line).not.toMatch(/config/i);
  });

  it('a missing repository names the request and what it means', async () => {
    const notFound = { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' };
    nock(API)
      .get((p) => p.startsWith(CONTENTS))
      .reply(404, notFound)
      .get(`/repos/${OWNER}/${REPO}`)
      .reply(404, notFound);
    expect(await failure()).toBe(
      'GET /repos/acme/widgets: 404 Not Found (repository acme/widgets does not exist or the token cannot see it)',
    );
  });

  it('an exhausted rate limit names the request and when it resets', async () => {
    nock(API)
      .get((p) => p.startsWith(CONTENTS))
      .reply(
        403,
        {
          message: 'API rate limit exceeded for installation ID 1.',
          documentation_url: 'https://docs.github.com/rest',
        },
        { 'x-ratelimit-remaining': '0', 'x-ratelimit-limit': '1000', 'x-ratelimit-reset': '1764583200' },
      );
    expect(await failure()).toBe(
      'GET /repos/acme/widgets/contents/.github/audit-ci.yml: the GitHub API rate limit is exhausted (x-ratelimit-remaining: 0, resets at 10:00 UTC)',
    );
  });

  it('a refused connection names the host and the cause', async () => {
    // A port that was just free: nothing listens there.
    const server = createServer().listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    await new Promise((r) => server.close(r));
    nock.enableNetConnect(`127.0.0.1:${port}`);
    const line = await failure(`http://127.0.0.1:${port}`);
    expect(line).toBe(
      `GET http://127.0.0.1:${port}/repos/acme/widgets/contents/.github/audit-ci.yml: connection refused (ECONNREFUSED)`,
    );
  });

  it('another error keeps its message, in one line', () => {
    expect(describeError(new Error('first\n  second'))).toBe('first second');
    expect(describeError('plain')).toBe('plain');
    expect(fsReason(new Error("ENOENT: no such file or directory, open '/x.yml'"))).toBe('no such file or directory');
  });
});
