import { startNeonProxy } from "@/tests/fixtures/neon_proxy.ts";
import { openDatabase } from "@/db/client.ts";
import { sql } from "kysely";
const proxy = await startNeonProxy();
const db = await openDatabase({
  databaseUrl: "postgres://postgres@127.0.0.1:5432/postgres",
  driver: "neon",
  neonWsProxy: proxy.url,
  migrate: true,
});
await Promise.all([1, 2, 3].map(() => sql`select pg_sleep(0.05)`.execute(db.db)));
const t = performance.now();
await db.close();
console.log("closed", performance.now() - t);
const t2 = performance.now();
await proxy.close();
console.log("proxy closed", performance.now() - t2);
