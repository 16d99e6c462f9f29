/**
 * Dev entry: regenerates fresh.gen.ts, migrates, builds islands (rebuilding on change) and serves.
 * `deno run -A dev.ts build` only writes the manifest and the production island build.
 */
import { createApp, ROOT, serve } from "./lib/app.ts";
import { ConfigError } from "./lib/config/env.ts";
import type { IslandAssets } from "./lib/fresh/assets.ts";
import { buildIslands, watchIslands } from "./lib/fresh/build.ts";
import { registerIslands } from "./lib/fresh/islands.ts";
import { writeManifest } from "./lib/fresh/manifest.ts";
import type { Manifest } from "./lib/fresh/types.ts";

await writeManifest(ROOT);
const manifest: Manifest = (await import("./fresh.gen.ts")).default;
const islands = registerIslands(manifest.islands);

if (Deno.args[0] === "build") {
  const assets = await buildIslands({ root: ROOT, islands });
  console.log(`Built ${Object.keys(assets.islands).length} islands into static/_islands/`);
  Deno.exit(0);
}

try {
  let assets: IslandAssets | null = null;
  const watcher = await watchIslands({ root: ROOT, islands, dev: true }, (a) => (assets = a));
  const app = await createApp({ manifest, dev: true, assets: () => assets });
  serve(app, () => watcher.dispose());
} catch (err) {
  if (err instanceof ConfigError || (err instanceof Error && err.name === "DataDirLockedError")) {
    console.error(err.message);
    Deno.exit(1);
  }
  throw err;
}
