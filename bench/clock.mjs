// Loaded with `node --import` into the audited action when the bench runs a span window
// (`--window 7d`): the action reads "now" from the clock, and a span ends at now, so its clock
// must be the synthetic repository's, not the machine's. Every `Date` the action makes is
// shifted by one fixed offset (timers and elapsed times are unchanged).
const target = Date.parse(process.env.AUDIT_CI_BENCH_NOW ?? '');
if (Number.isFinite(target)) {
  const RealDate = Date;
  const offset = target - RealDate.now();
  class BenchDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(RealDate.now() + offset);
      else super(...args);
    }
    static now() {
      return RealDate.now() + offset;
    }
  }
  globalThis.Date = BenchDate;
}
