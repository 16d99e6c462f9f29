/**
 * `deno task schedules`: creates (or updates) the QStash schedules of APP_URL: the sweep, every minute,
 * which republishes lost jobs and enqueues recurring work. Run it once per deployment URL.
 */
import { config } from "@/lib/config/env.ts";
import { registerSchedules } from "@/lib/jobs/qstash.ts";

const c = config();
if (!c.QSTASH_TOKEN) {
  console.error("QSTASH_TOKEN is not set: without QStash, the embedded worker runs recurring work itself.");
  Deno.exit(1);
}
for (const { scheduleId, destination } of await registerSchedules(c)) {
  console.log(`QStash schedule ${scheduleId}: every minute → ${destination}`);
}
