/**
 * A process that enqueues a platform job `test.record {n}` (argument) with QStash as its dispatcher,
 * and is killed (SIGKILL) the moment the transaction commits, before the job can be published.
 * Its database comes from the environment as the app's does (DATABASE_URL, or PGlite in DATA_DIR).
 */
import { asPlatform } from "@/lib/data/scope.ts";
import { useDispatcher } from "@/lib/jobs/dispatch.ts";
import { enqueue } from "@/lib/jobs/enqueue.ts";
import { qstashDispatcher } from "@/lib/jobs/qstash.ts";
import { appServices } from "./process.ts";
import "./kinds.ts";

const { config } = await appServices({ migrate: true });
useDispatcher(qstashDispatcher(config));
await asPlatform(async (q) => {
  // Registered first, so it runs first after the commit: the publish never happens.
  q.afterCommit(() => Deno.kill(Deno.pid, "SIGKILL"));
  await enqueue(q, "test.record", { n: Number(Deno.args[0]) });
});
console.error("still alive after the commit: the kill did not happen");
Deno.exit(1);
