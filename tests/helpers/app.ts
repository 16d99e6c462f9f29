/** The whole app on a test database, driven through its request handler with a cookie jar. */
import manifest from "@/fresh.gen.ts";
import { createApp, ROOT } from "@/lib/app.ts";
import type { Database } from "@/db/client.ts";
import type { RequestHandler } from "@/lib/fresh/server.ts";
import { parseConfig } from "@/lib/config/env.ts";
import { readIslandAssets } from "@/lib/fresh/assets.ts";
import { testDatabase } from "./db.ts";

export interface TestApp {
  /** Requests a path (relative to the app's origin); cookies set by responses are kept and sent. */
  fetch(path: string, init?: RequestInit & { remoteAddr?: string }): Promise<Response>;
  /** A client with its own cookie jar on the same app. */
  client(): TestClient;
  close(): Promise<void>;
  origin: string;
  /** The app's own request handler, to serve it on a real port. */
  handler: RequestHandler;
}

export type TestClient = Pick<TestApp, "fetch">;

/** `database`: one the test made itself (closed with the app); by default a fresh test database. */
export async function testApp(env: Record<string, string> = {}, database?: Database): Promise<TestApp> {
  database ??= await testDatabase();
  const config = parseConfig({ APP_URL: "http://localhost:8000", DENO_ENV: "test", ...env });
  const assets = await readIslandAssets(ROOT);
  const app = await createApp({ manifest, dev: false, assets: () => assets, config, database });
  const origin = new URL(config.APP_URL).origin;

  const client = (): TestClient => {
    const jar = new Map<string, string>();
    return {
      async fetch(path, init = {}) {
        const headers = new Headers(init.headers);
        if (jar.size) headers.set("cookie", [...jar].map(([k, v]) => `${k}=${v}`).join("; "));
        const req = new Request(new URL(path, origin), { ...init, headers, redirect: "manual" });
        const res = await app.handler(req, { remoteAddr: { hostname: init.remoteAddr ?? "127.0.0.1" } });
        for (const cookie of res.headers.getSetCookie()) {
          const [pair, ...attrs] = cookie.split(";");
          const [name, ...value] = pair.split("=");
          const expired = attrs.some((a) => /max-age=0\b/i.test(a.trim()));
          if (expired) jar.delete(name.trim());
          else jar.set(name.trim(), value.join("="));
        }
        return res;
      },
    };
  };
  const main = client();
  return { fetch: main.fetch, client, close: () => app.database.close(), origin, handler: app.handler };
}
