/** The API's housekeeping: expired idempotency entries are deleted every hour. */
import * as z from "zod";
import { defineJob, defineRecurring } from "../jobs/registry.ts";
import { purgeExpiredIdempotency } from "./idempotency.ts";

defineJob("api.idempotency.purge", z.object({}), async () => {
  await purgeExpiredIdempotency();
}, { label: "Expired idempotency keys clean-up" });
defineRecurring({ kind: "api.idempotency.purge", everyMinutes: 60 });
