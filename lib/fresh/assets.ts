/** What the island build produced: file names by island and the class names islands use. */
export interface IslandAssets {
  /** URL path prefix of the built files, e.g. `/_islands/`. */
  base: string;
  client: string;
  /** Per island: its built file, its export, and every class-like token in its source (so that
   * classes it sets in the browser are styled on the pages it is on). */
  islands: Record<string, { file: string; exportName: string; classes: string }>;
  /** For each built file, the chunks it imports (for `modulepreload`). */
  imports: Record<string, string[]>;
}

export const ASSETS_DIR = "static/_islands";
export const ASSETS_MANIFEST = "manifest.json";

export async function readIslandAssets(root: string): Promise<IslandAssets | null> {
  try {
    return JSON.parse(await Deno.readTextFile(`${root}/${ASSETS_DIR}/${ASSETS_MANIFEST}`));
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return null;
    throw err;
  }
}
