/**
 * How much each rule wants a job log, by name: when `max-logs` cannot cover every request, the
 * highest are read first (`LogRequest.priority`; collection keeps one request per job, the
 * highest). A sample that asks for several logs of one kind counts down from its base
 * (`base - n`, newest first), so its bases sit far enough apart not to overtake the next kind.
 * At and above `unexplainedEnd` (collection's EXPLAIN_PRIORITY) a log explains something that
 * happened in a run, and a warm audit reads every such log of its new runs; collection's own
 * evidence requests (`evidence`, collect/evidence.ts) rank just above it. The table is the one
 * place priorities are set: collection's log policy (collect/log-policy.ts) reads it too.
 */
export const LOG_PRIORITY = {
  /** A failed job whose failure nothing else explains: its log holds the reason, the finding needs it. */
  failed: 80,
  /** The latest runs of a slow job: which step or test took the time. */
  slow: 60,
  /** The newest run of a step far slower than its usual: its log may say why. */
  slowStep: 55,
  /** The failed try of a job that passed on re-run, with no annotation saying why. */
  flaky: 50,
  /**
   * A job of a kind whose logs carried a rule's evidence in earlier audits (collect/evidence.ts;
   * a partly learned kind 5 lower): above every sample, below the logs that explain a failure.
   */
  evidence: 46,
  /** A job that ended with no failed step, or timed out: whether its runner was lost. */
  unexplainedEnd: 45,
  /** A sample of image builds (base, counting down): enough runs to judge a share of rebuilds. */
  imageBuilds: 40,
  /** A sample of Dockerfile builds (base, counting down): which layers were rebuilt. */
  dockerLayers: 35,
  /** The latest run of a job that took much longer than usual: a rebuild is one likely reason. */
  slowerThanUsual: 30,
  /** One passing log of a long job: a single dominant test, read only if logs are left. */
  slowTests: 20,
  /** Setup steps with a `cache:` input (base, counting down): it shows only in the log. */
  cacheMisses: 12,
  /** The latest test jobs of each kind (base, counting down): a coverage pattern, cheaply. */
  coverage: 10,
  /** The latest runs of each job (base, counting down): lines repeated as noise. */
  noise: 10,
  /** Re-runs hidden in a job's attempts (base, counting down): the least urgent sample. */
  flakyRetries: 5,
  /** Fill-in (ranks in (0, 1)): spread over the window, read only with room left in `max-logs`. */
  fillIn: 1,
} as const;
