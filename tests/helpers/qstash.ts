/** The app in QStash mode on a real port, with the local stand-in (tests/fixtures/qstash_fake.ts) as its QStash. */
import type { Database } from "@/db/client.ts";
import { QStashFake } from "../fixtures/qstash_fake.ts";
import { type TestApp, testApp } from "./app.ts";
import { freePort } from "./services.ts";

export async function until(what: string, ok: () => boolean | Promise<boolean>, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!await ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface Served {
  app: TestApp;
  fake: QStashFake;
  origin: string;
  /** Stops answering on the app's port, or answers again. */
  stop(): Promise<void>;
  start(): void;
  close(): Promise<void>;
}

/** The app in QStash mode on a real port, with the stand-in as its QStash. */
export async function served(database?: Database, fake = QStashFake.start()): Promise<Served> {
  const port = freePort();
  const origin = `http://127.0.0.1:${port}`;
  const app = await testApp({ ...fake.env(), APP_URL: origin }, database);
  let server: Deno.HttpServer | null = null;
  const start = () => {
    server = Deno.serve(
      { hostname: "127.0.0.1", port, onListen() {} },
      (req, info) => app.handler(req, { remoteAddr: info.remoteAddr as Deno.NetAddr }),
    );
  };
  const stop = async () => {
    await server?.shutdown();
    server = null;
  };
  start();
  return {
    app,
    fake,
    origin,
    start,
    stop,
    async close() {
      await fake.close();
      await stop();
      await app.close();
    },
  };
}
