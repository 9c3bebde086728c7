/** Reads the rules file from the repository's default branch when it is not in the workspace. */
import type { AuditClient } from './client.js';

export async function fetchConfigText(
  client: AuditClient,
  owner: string,
  repo: string,
  file: string,
): Promise<string | null> {
  try {
    const res = await client.octokit.rest.repos.getContent({ owner, repo, path: file });
    const data = res.data as { type?: string; content?: string; encoding?: string };
    if (data.type !== 'file' || typeof data.content !== 'string') return null;
    return Buffer.from(data.content, (data.encoding as BufferEncoding) || 'base64').toString('utf8');
  } catch (e) {
    const status = (e as { status?: number }).status;
    if (status === 404) return null;
    throw new Error(`Input "config": could not read ${file} from ${owner}/${repo}: ${(e as Error).message}`, {
      cause: e,
    });
  }
}
