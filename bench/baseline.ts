/**
 * The naive baseline: what `gh run view <id>` asks per run (the run, its workflow, its jobs,
 * the annotations of every job, its artifacts, the pull requests of its commit), plus
 * `gh run view --job <id> --log` for every job, after listing the runs. Plain fetch,
 * counted: API requests (the log storage redirect target is not the API) and log bytes.
 */
export interface BaselineResult {
  runs: number;
  requests: number;
  logBytes: number;
  wallMs: number;
}

interface Counter {
  requests: number;
  logBytes: number;
}

async function api<T>(base: string, token: string, path: string, c: Counter): Promise<T | null> {
  c.requests++;
  const res = await fetch(`${base}${path}`, {
    headers: { authorization: `token ${token}`, accept: 'application/vnd.github+json' },
  });
  if (!res.ok) {
    await res.body?.cancel();
    return null;
  }
  return (await res.json()) as T;
}

/** A job log: the API answers 302 to storage; the storage read is bytes, not an API request. */
async function log(base: string, token: string, path: string, c: Counter): Promise<void> {
  c.requests++;
  const res = await fetch(`${base}${path}`, { headers: { authorization: `token ${token}` }, redirect: 'manual' });
  const location = res.headers.get('location');
  await res.body?.cancel();
  if (!location) return;
  const blob = await fetch(location);
  for await (const chunk of blob.body as unknown as AsyncIterable<Uint8Array>) c.logBytes += chunk.byteLength;
}

async function runView(base: string, token: string, repo: string, id: number, c: Counter): Promise<void> {
  const r = `/repos/${repo}`;
  const run = await api<{ workflow_id: number; head_sha: string }>(base, token, `${r}/actions/runs/${id}`, c);
  if (!run) return;
  await api(base, token, `${r}/actions/workflows/${run.workflow_id}`, c);
  const jobs: { id: number }[] = [];
  for (let page = 1; ; page++) {
    const p = await api<{ jobs: { id: number }[] }>(
      base,
      token,
      `${r}/actions/runs/${id}/jobs?per_page=100&page=${page}`,
      c,
    );
    jobs.push(...(p?.jobs ?? []));
    if (!p || p.jobs.length < 100) break;
  }
  for (const j of jobs) await api(base, token, `${r}/check-runs/${j.id}/annotations`, c);
  await api(base, token, `${r}/actions/runs/${id}/artifacts`, c);
  await api(base, token, `${r}/commits/${run.head_sha}/pulls`, c);
  for (const j of jobs) await log(base, token, `${r}/actions/jobs/${j.id}/logs`, c);
}

/** `count` newest completed runs, each viewed as above, `concurrency` runs at a time. */
export async function baseline(
  base: string,
  token: string,
  repo: string,
  count: number,
  concurrency = 16,
): Promise<BaselineResult> {
  const started = Date.now();
  const c: Counter = { requests: 0, logBytes: 0 };
  const ids: number[] = [];
  for (let page = 1; ids.length < count; page++) {
    const p = await api<{ workflow_runs: { id: number }[] }>(
      base,
      token,
      `/repos/${repo}/actions/runs?status=completed&per_page=100&page=${page}`,
      c,
    );
    ids.push(...(p?.workflow_runs ?? []).map((r) => r.id));
    if (!p || p.workflow_runs.length < 100) break;
  }
  const todo = ids.slice(0, count);
  let next = 0;
  const worker = async () => {
    while (next < todo.length) await runView(base, token, repo, todo[next++]!, c);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { runs: todo.length, requests: c.requests, logBytes: c.logBytes, wallMs: Date.now() - started };
}
