/**
 * When a delivery's attempts run: at once, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h and 10 h after the
 * attempt before (37 h 35 min in all, so a receiver down for a day and a half loses nothing), then it is failed.
 * A replay starts the schedule again.
 */
const S = 1000, M = 60 * S, H = 60 * M;
export const RETRY_SCHEDULE_MS = [0, 5 * S, 5 * M, 30 * M, 2 * H, 5 * H, 10 * H, 10 * H, 10 * H] as const;

/** The delay before step `step + 1` (0-based), or null after the last. */
export function nextStepDelay(step: number): number | null {
  return step + 1 < RETRY_SCHEDULE_MS.length ? RETRY_SCHEDULE_MS[step + 1] : null;
}

/** An endpoint failing this long without a success is disabled, and its org's admins are told. */
export const DISABLE_AFTER_MS = 5 * 24 * H;
