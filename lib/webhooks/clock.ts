/**
 * The time the delivery schedule is computed in: the real clock, except in tests, which move it on to
 * live through a day-long outage in a moment (the jobs' `run_at` then comes from it).
 */
let current: () => Date = () => new Date();

export const webhookNow = (): Date => current();

/** Tests only: `null` puts the real clock back. */
export function setWebhookClock(clock: (() => Date) | null): void {
  current = clock ?? (() => new Date());
}
