/** Assembles the app: configuration, database, services, the job dispatcher and the request handler. */
import { type Config, config as loadConfig } from "./config/env.ts";
import { type Database, openDatabase } from "@/db/client.ts";
import { createHandler, type RequestHandler } from "./fresh/server.ts";
import type { IslandAssets } from "./fresh/assets.ts";
import type { Manifest } from "./fresh/types.ts";
import { setServices } from "./data/services.ts";
import { limitLoad } from "./fresh/load_limit.ts";
import { logUnhandledErrors, requestId, withRequestIds } from "./fresh/request_id.ts";
import { twind } from "@/fresh.config.ts";
import { useDispatcher } from "./jobs/dispatch.ts";
import { qstashDispatcher } from "./jobs/qstash.ts";
import { startWorker } from "./jobs/worker.ts";
// Every kind of job this process may run, known before the first job is claimed.
import "./email/jobs.ts";
import "./jobs/prune.ts";
import "./api/jobs.ts";
import "./webhooks/jobs.ts";
import "./slack/jobs.ts";
import "./automation/jobs.ts";
import "./notifications/jobs.ts";
import "./exports/jobs.ts";

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
  useDispatcher(config.QSTASH_TOKEN ? qstashDispatcher(config) : null);
  const routes = await createHandler(opts.manifest, {
    root: ROOT,
    dev: opts.dev,
    twind,
    assets: opts.assets,
    onError: (err, req) => console.error(`[request ${requestId()}] ${req.method} ${new URL(req.url).pathname}:`, err),
  });
  const handler = withRequestIds(limitLoad(routes, {
    maxInFlight: config.MAX_IN_FLIGHT,
    maxWaitMs: config.QUEUE_WAIT_MS,
    maxQueued: config.MAX_IN_FLIGHT * 10,
  }));
  return { handler, database, config };
}

/** In-flight requests get this long to finish after SIGTERM before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * Serves until SIGINT/SIGTERM, then shuts down as an orchestrator expects: stops accepting, lets in-flight requests
 * finish (bounded), stops the job worker (its jobs in hand finished), runs `onClose`, closes the database and exits 0.
 * Without QStash, the process runs the embedded job worker.
 */
export function serve(app: App, onClose?: () => Promise<void>) {
  logUnhandledErrors();
  const worker = app.config.QSTASH_TOKEN ? null : startWorker();
  const server = Deno.serve({
    port: app.config.PORT,
    hostname: app.config.HOSTNAME,
    onListen: ({ hostname, port }) => console.log(`NexaCRM listening on http://${hostname}:${port}/`),
  }, (req, info) => app.handler(req, { remoteAddr: info.remoteAddr as Deno.NetAddr }));
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log("Shutting down: finishing the requests in flight…");
    let timer: ReturnType<typeof setTimeout> | undefined;
    const grace = new Promise((resolve) => timer = setTimeout(resolve, SHUTDOWN_GRACE_MS));
    await Promise.race([server.shutdown(), grace]);
    clearTimeout(timer);
    await worker?.stop();
    await onClose?.();
    await app.database.close();
    console.log("Stopped.");
    Deno.exit(0);
  };
  Deno.addSignalListener("SIGINT", stop);
  Deno.addSignalListener("SIGTERM", stop);
  return server;
}
