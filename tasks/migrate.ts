/** `deno task db:migrate`: brings the configured database to the latest schema. */
import { config } from "@/lib/config/env.ts";
import { openDatabase } from "../db/client.ts";

const c = config();
const db = await openDatabase({
  databaseUrl: c.DATABASE_URL,
  driver: c.DATABASE_DRIVER,
  pgliteDir: `${c.DATA_DIR}/pglite`,
  neonWsProxy: c.NEON_WS_PROXY,
  migrate: true,
});
await db.close();
console.log("Database is at the latest migration.");
