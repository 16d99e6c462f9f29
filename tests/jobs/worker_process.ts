/**
 * An app process's embedded worker on the Postgres of DATABASE_URL (workers_test.ts runs three):
 * says "ready" on stdout once running, and on SIGTERM finishes its jobs in hand and exits.
 */
import { startWorker } from "@/lib/jobs/worker.ts";
import { appServices } from "./process.ts";
import "./count_kind.ts";

const app = await appServices({ migrate: false });
const worker = startWorker({ pollMs: 50 });
Deno.addSignalListener("SIGTERM", async () => {
  await worker.stop();
  await app.close();
  Deno.exit(0);
});
console.log("ready");
