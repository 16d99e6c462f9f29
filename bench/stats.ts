/** Percentiles of a sample (nearest rank), in the sample's unit. */
export function percentiles(sample: number[]): { p50: number; p95: number; p99: number; count: number } {
  const sorted = [...sample].sort((a, b) => a - b);
  const at = (p: number) => sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] : NaN;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), count: sorted.length };
}
