import fc from 'fast-check';

/**
 * What both fuzz suites share: a fixed seed (FUZZ_SEED / FUZZ_SCALE, a run-count multiplier, explore
 * further by hand, never in CI), a per-input time bound and a wall-clock cap per property so a hang
 * fails the run instead of blocking CI, and the slowest input seen per parser for the report.
 */
export function fuzzHarness(defaultSeed: number, perInputMs: number) {
  const seed = Number(process.env.FUZZ_SEED ?? defaultSeed);
  const scale = Number(process.env.FUZZ_SCALE ?? 1);
  const runLimitMs = 8_000;
  const slowest: Record<string, number> = {};

  /**
   * Runs `fn`, records its duration under `name` and fails when it exceeds the bound twice in a row
   * (one retry absorbs a GC pause or a busy shared CPU; a real blow-up is slow both times).
   */
  function timed<T>(name: string, fn: () => T, bound = perInputMs): T {
    const once = (): { ms: number; ok: true; value: T } | { ms: number; ok: false; error: unknown } => {
      const t0 = performance.now();
      try {
        const value = fn();
        return { ms: performance.now() - t0, ok: true, value };
      } catch (error) {
        return { ms: performance.now() - t0, ok: false, error };
      }
    };
    let r = once();
    if (r.ms > bound) {
      r = once();
      if (r.ms > bound) throw new Error(`${name} took ${r.ms.toFixed(1)} ms on one input, twice (bound ${bound} ms)`);
    }
    slowest[name] = Math.max(slowest[name] ?? 0, r.ms);
    if (!r.ok) throw r.error;
    return r.value;
  }

  function assertProperty<T>(arb: fc.Arbitrary<T>, predicate: (v: T) => void, numRuns: number): void {
    const details = fc.check(fc.property(arb, predicate), { seed, numRuns: Math.round(numRuns * scale), interruptAfterTimeLimit: runLimitMs * scale, markInterruptAsFailure: true });
    if (details.failed) throw new Error(fc.defaultReportMessage(details) ?? 'property failed');
  }

  /** The slowest input per parser, rounded, for the report (visible with --reporter=verbose). */
  const report = () => Object.fromEntries(Object.entries(slowest).map(([k, v]) => [k, Math.round(v * 10) / 10]));

  return { seed, scale, timed, assertProperty, report };
}
