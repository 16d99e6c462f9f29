/**
 * The QStash dispatcher (`QSTASH_TOKEN` set): after commit, each job is published to
 * `APP_URL/api/jobs/run` with the real `@upstash/qstash` client, and QStash calls back when it is
 * due, signed. The deduplication id is the job id and its attempt count: a republished attempt is
 * delivered once, a retry is a new message. A publish that is lost (a process killed between commit
 * and publish, QStash unreachable) leaves `published_at` null, and the sweep (sweep.ts) republishes it.
 */
import { Client, Receiver } from "@upstash/qstash";
import { sql } from "kysely";
import type { Config } from "../config/env.ts";
import { asJobRunner } from "../data/scope.ts";
import type { Dispatched, Dispatcher } from "./dispatch.ts";

export const RUN_PATH = "/api/jobs/run";
export const SWEEP_PATH = "/api/jobs/sweep";
/** QStash redelivers a callback that failed (no answer, a 5xx) this many times. */
const DELIVERY_RETRIES = 3;

export const qstashClient = (config: Config) =>
  new Client({
    token: config.QSTASH_TOKEN!,
    baseUrl: config.QSTASH_URL ?? "https://qstash.upstash.io",
    retry: { retries: 2, backoff: (n) => 100 * 2 ** n },
  });

export function qstashDispatcher(config: Config): Dispatcher {
  const client = qstashClient(config);
  const url = new URL(RUN_PATH, config.APP_URL).href;
  const publish = async (job: Dispatched) => {
    await client.publishJSON({
      url,
      body: { id: job.id },
      deduplicationId: `${job.id}.${job.attempts}`,
      delay: Math.max(0, Math.ceil((job.runAt.getTime() - Date.now()) / 1000)),
      retries: DELIVERY_RETRIES,
    });
    await asJobRunner((trx) =>
      sql`UPDATE jobs SET published_at = now() WHERE id = ${job.id} AND attempts = ${job.attempts}`.execute(trx)
    );
  };
  return {
    async dispatch(jobs) {
      const results = await Promise.allSettled(jobs.map(publish));
      for (const r of results) {
        if (r.status === "rejected") console.error("jobs: publishing to QStash failed (the sweep retries):", r.reason);
      }
    },
  };
}

/**
 * Whether `signature` (the `Upstash-Signature` header) is QStash's, made with the current or the next
 * signing key for exactly this body and this URL of the app, and not expired.
 */
export async function verifySignature(
  config: Config,
  signature: string | null,
  body: string,
  path: string,
): Promise<boolean> {
  const { QSTASH_CURRENT_SIGNING_KEY: currentSigningKey, QSTASH_NEXT_SIGNING_KEY: nextSigningKey } = config;
  if (!signature || !currentSigningKey || !nextSigningKey) return false;
  try {
    return await new Receiver({ currentSigningKey, nextSigningKey }).verify({
      signature,
      body,
      url: new URL(path, config.APP_URL).href,
      clockTolerance: 5,
    });
  } catch {
    return false;
  }
}

export const SWEEP_SCHEDULE = { scheduleId: "nexacrm-jobs-sweep", cron: "* * * * *" };

/** Creates (or updates: the id is fixed) the QStash schedule that calls the sweep every minute. */
export async function registerSchedules(config: Config): Promise<{ scheduleId: string; destination: string }[]> {
  const destination = new URL(SWEEP_PATH, config.APP_URL).href;
  const { scheduleId } = await qstashClient(config).schedules.create({ destination, ...SWEEP_SCHEDULE, retries: 0 });
  return [{ scheduleId, destination }];
}
