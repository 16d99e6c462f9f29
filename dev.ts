/**
 * Dev entry: regenerates fresh.gen.ts, builds islands (esbuild rebuilds them on change) and runs
 * the server (main.ts --dev, which migrates on start) as a child it restarts when server code
 * changes. `deno run -A dev.ts build` writes the manifest and the production island build only.
 */
import { ROOT } from "./lib/app.ts";
import { buildIslands, watchIslands } from "./lib/fresh/build.ts";
import { type IslandInfo, registerIslands } from "./lib/fresh/islands.ts";
import { writeManifest } from "./lib/fresh/manifest.ts";
import type { Manifest } from "./lib/fresh/types.ts";

async function islandInfos(): Promise<IslandInfo[]> {
  await writeManifest(ROOT);
  // A fresh import each time: the manifest may have changed since this process started.
  const manifest: Manifest = (await import(`./fresh.gen.ts?t=${Date.now()}`)).default;
  return registerIslands(manifest.islands);
}

if (Deno.args[0] === "build") {
  const assets = await buildIslands({ root: ROOT, islands: await islandInfos() });
  console.log(`Built ${Object.keys(assets.islands).length} islands into static/_islands/`);
  Deno.exit(0);
}

let islands = await islandInfos();
let watcher = await watchIslands({ root: ROOT, islands, dev: true }, () => {});

/** A server that ran this long before it crashed is restarted; one that dies sooner waits for a change. */
const RESTART_AFTER_RUNNING_MS = 5_000;

let child: Deno.ChildProcess | null = null;
function startServer() {
  const started = Date.now();
  const server = child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "main.ts", "--dev"],
    cwd: ROOT,
    stdin: "null",
  }).spawn();
  server.status.then(({ code, signal }) => {
    if (child !== server) return; // stopped on purpose
    child = null;
    const how = signal ? `on ${signal}` : `with code ${code}`;
    if (Date.now() - started < RESTART_AFTER_RUNNING_MS) {
      console.error(`The server exited ${how} as it started; it restarts when you save a change.`);
      return;
    }
    console.error(`The server exited ${how}: restarting it.`);
    startServer();
  });
}
async function stopServer() {
  const server = child;
  if (!server) return;
  child = null;
  try {
    server.kill("SIGTERM");
  } catch { /* already exited */ }
  await server.status;
}

startServer();

const shutdown = async () => {
  await stopServer();
  await watcher.dispose();
  Deno.exit(0);
};
Deno.addSignalListener("SIGINT", shutdown);
Deno.addSignalListener("SIGTERM", shutdown);

let timer: ReturnType<typeof setTimeout> | undefined;
const watched = ["routes", "islands", "components", "lib", "db", "fresh.config.ts"].map((p) => `${ROOT}/${p}`);
for await (const event of Deno.watchFs(watched)) {
  if (event.paths.every((p) => p.endsWith(".gen.ts") || p.includes("/."))) continue;
  clearTimeout(timer);
  timer = setTimeout(async () => {
    const next = await islandInfos();
    if (next.map((i) => i.name).join() !== islands.map((i) => i.name).join()) {
      islands = next;
      await watcher.dispose();
      watcher = await watchIslands({ root: ROOT, islands, dev: true }, () => {});
    }
    console.log("Change detected: restarting the server…");
    await stopServer();
    startServer();
  }, 200);
}
