/**
 * Production entry: serves the built app (run `deno task build` first).
 * With `--dev` (started by dev.ts) it reads the island build on every request, so rebuilds show.
 */
import manifest from "./fresh.gen.ts";
import { createApp, ROOT, serve } from "./lib/app.ts";
import { readIslandAssets } from "./lib/fresh/assets.ts";
import { ConfigError } from "./lib/config/env.ts";
import { DEMO_LOGIN, DEMO_ORG, ensureDemoOrg } from "./lib/seed/demo.ts";

const dev = Deno.args.includes("--dev");

/** In development, a first run on an empty database creates the demo workspace; its login is printed. */
async function announceDemo(port: number) {
  const created = await ensureDemoOrg();
  console.log(
    `${created ? "Created the demo workspace. " : ""}Demo login: ${DEMO_LOGIN.email} / ${DEMO_LOGIN.password} ` +
      `(http://localhost:${port}/app/${DEMO_ORG.slug}; it exists only if the database was empty on first run)`,
  );
}

try {
  const built = await readIslandAssets(ROOT);
  if (!built && Object.keys(manifest.islands).length) {
    throw new ConfigError("Islands are not built: run `deno task build` before `deno task start`.");
  }
  const app = await createApp({ manifest, dev, assets: dev ? () => readIslandAssets(ROOT) : () => built });
  if (dev) await announceDemo(app.config.PORT);
  serve(app);
} catch (err) {
  if (err instanceof ConfigError || (err instanceof Error && err.name === "DataDirLockedError")) {
    console.error(err.message);
    Deno.exit(1);
  }
  throw err;
}
