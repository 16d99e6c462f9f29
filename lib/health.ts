/** Liveness of the app and its database. */
import { sql } from "kysely";
import { services } from "./data/services.ts";

export async function checkHealth() {
  const { db, driver } = services();
  const started = performance.now();
  try {
    await sql`select 1`.execute(db);
    return { ok: true, database: driver, latencyMs: Math.round(performance.now() - started) };
  } catch {
    return { ok: false, database: driver, latencyMs: Math.round(performance.now() - started) };
  }
}
