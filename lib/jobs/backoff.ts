/** How long a failed job waits before its next attempt. */

const FIRST_MS = 15_000;
const MAX_MS = 3_600_000;

/**
 * Exponential (15 s, 30 s, 1 min … capped at an hour) with "equal jitter": between half and all of
 * the step, so jobs that failed together (a provider outage) do not all come back at once.
 */
export function retryDelayMs(attempt: number, random = Math.random()): number {
  const step = Math.min(FIRST_MS * 2 ** Math.max(0, attempt - 1), MAX_MS);
  return Math.round(step / 2 + (step / 2) * random);
}
