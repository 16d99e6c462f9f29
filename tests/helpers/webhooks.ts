/** Webhook tests: an org with deals, endpoints made through lib/webhooks, and a clock that can jump ahead. */
import { sql } from "kysely";
import type { Kysely } from "kysely";
import { services } from "@/lib/data/services.ts";
import { setOutcome } from "@/lib/deals/outcome.ts";
import { createEndpoint, type EndpointInput } from "@/lib/webhooks/endpoints.ts";
import { setWebhookClock } from "@/lib/webhooks/clock.ts";
import { asOwner } from "./db_owner.ts";
import type { DealWorld } from "./deals.ts";
import { drainJobs } from "./jobs.ts";

export const ownerActor = (world: DealWorld) => ({ id: world.user.id, role: "OWNER" as const });

export async function addEndpoint(world: DealWorld, url: string, input: Partial<EndpointInput> = {}) {
  return await world.run((q) =>
    createEndpoint(q, ownerActor(world), { url, description: "", event_types: [], enabled: true, ...input })
  );
}

export const winDeal = (world: DealWorld, id: string) =>
  world.run((q) => setOutcome(q, world.viewer as never, id, { outcome: "won" }));

/**
 * A clock for the delivery schedule that only moves when told: `advanceTo` runs, in order, every webhook
 * attempt due by then (each at its own scheduled time), as a day of real time would.
 */
export function fakeClock(start = new Date()) {
  let now = start;
  setWebhookClock(() => now);
  const owner = <T>(fn: (db: Kysely<unknown>) => Promise<T>) =>
    asOwner(services().db as unknown as Kysely<unknown>, fn);
  const nextDue = async () =>
    (await owner((db) =>
      sql<{ at: Date | null }>`SELECT min(run_at) AS at FROM jobs
        WHERE kind = 'webhook.deliver' AND status IN ('queued', 'failed')`.execute(db)
    )).rows[0].at;
  return {
    now: () => now,
    async advanceTo(until: Date): Promise<void> {
      for (let due = await nextDue(); due && due <= until; due = await nextDue()) {
        if (due > now) now = due;
        await owner((db) =>
          sql`UPDATE jobs SET run_at = now() WHERE kind = 'webhook.deliver' AND status IN ('queued', 'failed')
            AND run_at <= ${now}`.execute(db)
        );
        await drainJobs();
      }
      now = until;
    },
    advanceBy(ms: number) {
      return this.advanceTo(new Date(now.getTime() + ms));
    },
    restore: () => setWebhookClock(null),
  };
}
