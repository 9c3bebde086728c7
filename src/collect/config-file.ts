/** Reads the rules file from the repository's default branch when it is not in the workspace. */
import * as path from 'node:path';
import type { AuditClient } from '../github/client.js';

interface Content {
  type?: string;
  name?: string;
  content?: string;
  encoding?: string;
}

/**
 * The file's text, or null when the repository has none. `conditional`: the run cache's
 * ETag hook is installed, so the folder's listing is read first (GitHub answers an unchanged
 * listing with a free 304, where a missing file is a 404 that costs a request every audit),
 * and the file only when the listing has it (an unchanged file: another free 304).
 */
export async function fetchConfigText(
  client: AuditClient,
  owner: string,
  repo: string,
  file: string,
  conditional = false,
): Promise<string | null> {
  const get = async (p: string) => (await client.octokit.rest.repos.getContent({ owner, repo, path: p })).data;
  // A repository path: `./.github/x.yml` and `/.github/x.yml` mean `.github/x.yml`.
  const repoPath = path.posix.normalize(file).replace(/^(\.\/|\/)+/, '');
  try {
    const dir = path.posix.dirname(repoPath);
    if (conditional && dir !== '.' && !dir.startsWith('..')) {
      const listing = await get(dir);
      const name = path.posix.basename(repoPath);
      if (
        !Array.isArray(listing) ||
        !listing.some((e: Content) => e.name === name && (e.type === 'file' || e.type === 'symlink'))
      )
        return null;
    }
    const data = (await get(repoPath)) as Content;
    if (data.type !== 'file' || typeof data.content !== 'string') return null;
    return Buffer.from(data.content, (data.encoding as BufferEncoding) || 'base64').toString('utf8');
  } catch (e) {
    // A missing file means defaults. Anything else (a bad token, the rate limit, no
    // connection, a missing repository) is not the input's fault: it propagates as it is, and
    // the message names the request that failed (errors.ts).
    if ((e as { status?: number }).status === 404) return null;
    throw e;
  }
}
