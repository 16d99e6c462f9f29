/**
 * What every drill needs: a throwaway cluster (reached directly, or through the Neon driver's WebSocket proxy), the
 * demo workspace in it, a session to load the board with, and deals to move for counting acknowledged writes.
 */
import pg from "pg";
import { openDatabase } from "@/db/client.ts";
import { createSession, SESSION_COOKIE } from "@/lib/auth/session.ts";
import { parseConfig } from "@/lib/config/env.ts";
import { setServices } from "@/lib/data/services.ts";
import { DEMO_LOGIN, DEMO_ORG, ensureDemoOrg } from "@/lib/seed/demo.ts";
import { freePort } from "../tests/helpers/services.ts";
import { type Cluster, createCluster } from "./postgres.ts";

export interface DrillEnv {
  cluster: Cluster;
  /** The server's environment (bench/server.ts adds its port). */
  serverEnv: Record<string, string>;
  cookie: string;
  org: string;
  /** One deal per writing loop, with two stages of its pipeline to move it between. */
  deals: { id: string; stages: [string, string] }[];
  /** Each deal's stage as stored now, read as the superuser. */
  storedStages(): Promise<Map<string, string>>;
  logDir: string;
  close(): Promise<void>;
}

export const WRITERS = 4;

async function superuser<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function prepare(driver: "pg" | "neon"): Promise<DrillEnv> {
  const cluster = await createCluster();
  const cleanups: (() => Promise<unknown>)[] = [() => cluster.destroy()];
  const close = async () => {
    for (const fn of cleanups.reverse()) await fn().catch((err) => console.error(err));
  };
  try {
    const serverEnv: Record<string, string> = {
      PATH: Deno.env.get("PATH") ?? "",
      HOME: Deno.env.get("HOME") ?? "/tmp",
      NO_COLOR: "1",
      DATABASE_URL: cluster.url,
      DATABASE_DRIVER: driver,
    };
    if (driver === "neon") {
      const port = freePort();
      const proxy = new Deno.Command(Deno.execPath(), {
        args: [
          "run",
          "-A",
          "tests/fixtures/neon_proxy.ts",
          "--port",
          String(port),
          "--target",
          new URL(cluster.url).host,
        ],
        stdout: "null",
        stderr: "null",
      }).spawn();
      cleanups.push(async () => {
        proxy.kill("SIGTERM");
        await proxy.status;
      });
      serverEnv.NEON_WS_PROXY = `127.0.0.1:${port}/v2`;
    }

    const database = await openDatabase({ databaseUrl: cluster.url, driver: "pg", migrate: true });
    const config = parseConfig({ DATABASE_URL: cluster.url });
    setServices({ config, db: database.db, driver: "pg" });
    await ensureDemoOrg();
    const user = await database.db.selectFrom("users").select("id").where("email", "=", DEMO_LOGIN.email)
      .executeTakeFirstOrThrow();
    const token = await createSession(user.id, { ip: "127.0.0.1", userAgent: "nexacrm-drill" });
    await database.close();

    return await superuser(cluster.url, async (client) => {
      const deals = await client.query<{ id: string; stages: [string, string] }>(
        `select d.id, (array_agg(s.id order by s.position))[1:2] as stages
           from deals d join orgs o on o.id = d.org_id join stages s on s.pipeline_id = d.pipeline_id
          where o.slug = $1 and d.status = 'open' and d.deleted_at is null
          group by d.id order by d.id limit $2`,
        [DEMO_ORG.slug, WRITERS],
      );
      const logDir = await Deno.makeTempDir({ prefix: "nexacrm-drill-logs-" });
      return {
        cluster,
        serverEnv,
        cookie: `${SESSION_COOKIE}=${token}`,
        org: DEMO_ORG.slug,
        deals: deals.rows,
        storedStages: () =>
          superuser(cluster.url, async (c) => {
            const { rows } = await c.query<{ id: string; stage_id: string }>(
              "select id, stage_id from deals where id = any($1)",
              [
                deals.rows.map((d: { id: string }) => d.id),
              ],
            );
            return new Map(rows.map((r: { id: string; stage_id: string }) => [r.id, r.stage_id]));
          }),
        logDir,
        close,
      };
    });
  } catch (err) {
    await close();
    throw err;
  }
}
