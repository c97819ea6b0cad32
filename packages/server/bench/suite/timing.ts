// Latency sampling for the suite: a few untimed warm-up calls (JIT, plan cache, buffer cache), then `n`
// sequential timed calls; reported as nearest-rank p50 / p95 in milliseconds.

export interface Latency {
  p50: number;
  p95: number;
  n: number;
}

/** Nearest-rank percentile (p in 0..100) of unsorted samples: a value that was actually measured, no interpolation. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('percentile of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export function summarize(samples: readonly number[]): Latency {
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), n: samples.length };
}

export const WARMUP = 3;

/** Times `n` sequential calls of `f` after `warmup` untimed ones. */
export async function sample(f: () => Promise<unknown>, n: number, warmup = WARMUP): Promise<Latency> {
  for (let i = 0; i < warmup; i++) await f();
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = process.hrtime.bigint();
    await f();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return summarize(samples);
}

export const secondsSince = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
