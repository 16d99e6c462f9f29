/**
 * Production entry: serves the built app (run `deno task build` first).
 * With `--dev` (started by dev.ts) it reads the island build on every request, so rebuilds show.
 */
import manifest from "./fresh.gen.ts";
import { createApp, ROOT, serve } from "./lib/app.ts";
import { readIslandAssets } from "./lib/fresh/assets.ts";
import { ConfigError } from "./lib/config/env.ts";

const dev = Deno.args.includes("--dev");

try {
  const built = await readIslandAssets(ROOT);
  if (!built && Object.keys(manifest.islands).length) {
    throw new ConfigError("Islands are not built: run `deno task build` before `deno task start`.");
  }
  const app = await createApp({ manifest, dev, assets: dev ? () => readIslandAssets(ROOT) : () => built });
  serve(app);
} catch (err) {
  if (err instanceof ConfigError || (err instanceof Error && err.name === "DataDirLockedError")) {
    console.error(err.message);
    Deno.exit(1);
  }
  throw err;
}
