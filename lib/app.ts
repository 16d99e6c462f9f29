/** Assembles the app: configuration, database, services and the request handler. */
import { type Config, config as loadConfig } from "./config/env.ts";
import { type Database, openDatabase } from "@/db/client.ts";
import { createHandler, type RequestHandler } from "./fresh/server.ts";
import type { IslandAssets } from "./fresh/assets.ts";
import type { Manifest } from "./fresh/types.ts";
import { setServices } from "./data/services.ts";
import { twind } from "@/fresh.config.ts";

export const ROOT = new URL("..", import.meta.url).pathname.replace(/\/$/, "");

export interface AppOptions {
  manifest: Manifest;
  dev: boolean;
  assets: () => IslandAssets | null | Promise<IslandAssets | null>;
  config?: Config;
  database?: Database;
  migrate?: boolean;
}

export interface App {
  handler: RequestHandler;
  database: Database;
  config: Config;
}

export async function createApp(opts: AppOptions): Promise<App> {
  const config = opts.config ?? loadConfig();
  const database = opts.database ?? await openDatabase({
    databaseUrl: config.DATABASE_URL,
    driver: config.DATABASE_DRIVER,
    pgliteDir: `${config.DATA_DIR}/pglite`,
    neonWsProxy: config.NEON_WS_PROXY,
    migrate: opts.migrate ?? true,
  });
  setServices({ config, db: database.db, driver: database.driver });
  const handler = await createHandler(opts.manifest, {
    root: ROOT,
    dev: opts.dev,
    twind,
    assets: opts.assets,
  });
  return { handler, database, config };
}

/** Serves until SIGINT/SIGTERM, then closes the database cleanly. */
export function serve(app: App, onClose?: () => Promise<void>) {
  const server = Deno.serve({
    port: app.config.PORT,
    hostname: app.config.HOSTNAME,
    onListen: ({ hostname, port }) => console.log(`NexaCRM listening on http://${hostname}:${port}/`),
  }, (req, info) => app.handler(req, { remoteAddr: info.remoteAddr as Deno.NetAddr }));
  const stop = async () => {
    await server.shutdown();
    await onClose?.();
    await app.database.close();
    Deno.exit(0);
  };
  Deno.addSignalListener("SIGINT", stop);
  Deno.addSignalListener("SIGTERM", stop);
  return server;
}
