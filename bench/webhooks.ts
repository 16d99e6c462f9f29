/**
 * `deno task bench:webhooks [--events N]`: webhook delivery throughput on a throwaway Postgres database
 * (127.0.0.1:5432, or DATABASE_URL). An org with 10 endpoints on loopback receivers (each verifying the
 * signature with `standardwebhooks`); N events fanned out to all 10 in one transaction; the embedded worker,
 * as the server starts it, delivers them. Prints deliveries per second (sign, POST, log, settle).
 */
import { parseArgs } from "node:util";
import { openDatabase } from "@/db/client.ts";
import { createAccount } from "@/lib/auth/accounts.ts";
import { parseConfig } from "@/lib/config/env.ts";
import { withOrg } from "@/lib/data/scope.ts";
import { setServices } from "@/lib/data/services.ts";
import { startWorker } from "@/lib/jobs/worker.ts";
import { createOrg } from "@/lib/tenancy/orgs.ts";
import { createEndpoint } from "@/lib/webhooks/endpoints.ts";
import { queueWebhookEvent } from "@/lib/webhooks/queue.ts";
import "@/lib/webhooks/jobs.ts";
import { webhookReceiver } from "@/tests/fixtures/webhook_receiver.ts";
import { throwawayPostgres } from "./throwaway_db.ts";

const { values: args } = parseArgs({ options: { events: { type: "string", default: "200" } } });
const EVENTS = Number(args.events);
const ENDPOINTS = 10;
const log = (msg: string) => console.log(`[bench:webhooks] ${msg}`);

const throwaway = await throwawayPostgres("nexa_bench_webhooks");
const database = await openDatabase({ databaseUrl: throwaway.url, driver: "pg", migrate: true });
const receivers = Array.from({ length: ENDPOINTS }, () => webhookReceiver());
try {
  setServices({ config: parseConfig({ DENO_ENV: "test" }), db: database.db, driver: database.driver });
  const user = await createAccount({
    name: "Bench",
    email: `bench-${throwaway.name}@example.test`,
    password: "correct horse battery",
  }, {
    verified: true,
  });
  const org = await createOrg(user.id, { name: "Webhook Bench" });
  const actor = { id: user.id, role: "OWNER" as const };
  await withOrg({ orgId: org.id, userId: user.id }, async (q) => {
    for (const r of receivers) {
      const { secret } = await createEndpoint(q, actor, {
        url: r.url,
        description: "",
        event_types: [],
        enabled: true,
      });
      r.trust(secret);
    }
  });
  const data = { id: crypto.randomUUID(), object: "deal", title: "Bench deal", value_minor: 100_00 };
  await withOrg({ orgId: org.id }, async (q) => {
    for (let i = 0; i < EVENTS; i++) await queueWebhookEvent(q, "deal.created", new Date(), { ...data, n: i });
  });
  const total = EVENTS * ENDPOINTS;
  log(`${EVENTS} events × ${ENDPOINTS} endpoints = ${total} deliveries queued on Postgres; worker starting`);
  const started = performance.now();
  const worker = startWorker();
  const received = () => receivers.reduce((n, r) => n + r.received.length, 0);
  while (received() < total) await new Promise((r) => setTimeout(r, 20));
  const seconds = (performance.now() - started) / 1000;
  await worker.stop();
  const rejected = receivers.reduce((n, r) => n + r.rejected, 0);
  log(`${total} delivered and verified in ${seconds.toFixed(2)} s: ${Math.round(total / seconds)} deliveries/s`);
  log(`rejected signatures: ${rejected}`);
} finally {
  await Promise.all(receivers.map((r) => r.close()));
  await database.close();
  await throwaway.drop();
}
