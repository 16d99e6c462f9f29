/**
 * Recurring work: each period's job is enqueued under a key naming the period, so every embedded
 * worker's timer and every QStash sweep may try, and the period still gets exactly one job.
 */
import { asPlatform } from "../data/scope.ts";
import { enqueue } from "./enqueue.ts";
import { recurringWork } from "./registry.ts";

export async function enqueueRecurring(now = new Date()): Promise<void> {
  const work = recurringWork();
  if (!work.length) return;
  await asPlatform(async (q) => {
    for (const { kind, everyMinutes } of work) {
      const period = everyMinutes * 60_000;
      const start = new Date(Math.floor(now.getTime() / period) * period);
      await enqueue(q, kind, {}, { key: `${kind}@${start.toISOString()}` });
    }
  });
}
