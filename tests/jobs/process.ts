/** For the job tests' child processes: the app's configuration, database and services, from the environment. */
import { openDatabase } from "@/db/client.ts";
import { type Config, parseConfig } from "@/lib/config/env.ts";
import { setServices } from "@/lib/data/services.ts";

export async function appServices(opts: { migrate: boolean }): Promise<{ config: Config; close(): Promise<void> }> {
  const config = parseConfig(Deno.env.toObject());
  const database = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    driver: config.DATABASE_DRIVER,
    pgliteDir: `${config.DATA_DIR}/pglite`,
    neonWsProxy: config.NEON_WS_PROXY,
    migrate: opts.migrate,
  });
  setServices({ config, db: database.db, driver: database.driver });
  return { config, close: () => database.close() };
}
