/** Bundles islands with esbuild into content-hashed, code-split ES modules. */
import * as esbuild from "esbuild";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import { ASSETS_DIR, ASSETS_MANIFEST, type IslandAssets } from "./assets.ts";
import type { IslandInfo } from "./islands.ts";
import { SUFFIX } from "./static.ts";

export interface BuildOptions {
  root: string;
  islands: IslandInfo[];
  dev?: boolean;
}

const CLASS_TOKEN = /^[a-z!-][a-z0-9:\-\[\]\/.#%_()!]*$/;

/** The project's own source files an island's code is built from: its file, the parts and hooks it imports. */
function islandSources(metafile: esbuild.Metafile, entryOutput: string): string[] {
  const outputs = new Set<string>();
  const todo = [entryOutput];
  while (todo.length) {
    const out = todo.pop()!;
    if (outputs.has(out)) continue;
    outputs.add(out);
    todo.push(...metafile.outputs[out].imports.filter((i) => i.kind === "import-statement").map((i) => i.path));
  }
  const inputs = [...outputs].flatMap((out) => Object.keys(metafile.outputs[out].inputs));
  // Inside the project and not a package (node_modules may be a link to elsewhere, seen as `../…`).
  return [...new Set(inputs)].filter((f) =>
    !f.startsWith("../") && !/(^|\/)node_modules\//.test(f) && /\.(tsx?|jsx?)$/.test(f)
  );
}

/** Class-like tokens in string literals of an island's sources. */
async function islandClasses(root: string, files: string[]): Promise<string> {
  const tokens = new Set<string>();
  for (const file of files) {
    const src = await Deno.readTextFile(`${root}/${file}`);
    for (const m of src.matchAll(/(["'`])((?:(?!\1)[^\\\n]|\\.)*)\1/g)) {
      for (const t of m[2].split(/\s+/)) if (t.length > 1 && CLASS_TOKEN.test(t)) tokens.add(t);
    }
  }
  return [...tokens].sort().join(" ");
}

/** esbuild does not read deno.json: resolve the `@/` alias to the project root. */
const aliasPlugin = (root: string): esbuild.Plugin => ({
  name: "deno-alias",
  setup(build) {
    build.onResolve({ filter: /^@\// }, (args) => ({ path: `${root}/${args.path.slice(2)}` }));
  },
});

export function buildConfig(opts: BuildOptions): esbuild.BuildOptions {
  const files = [...new Set(opts.islands.map((i) => i.file))];
  return {
    absWorkingDir: opts.root,
    entryPoints: ["./lib/fresh/client.ts", ...files],
    outdir: `${opts.root}/${ASSETS_DIR}`,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "browser",
    target: ["es2022"],
    minify: !opts.dev,
    sourcemap: opts.dev ? "linked" : false,
    entryNames: "[name]-[hash]",
    chunkNames: "chunk-[hash]",
    jsx: "automatic",
    jsxImportSource: "preact",
    metafile: true,
    write: true,
    logLevel: "silent",
    plugins: [aliasPlugin(opts.root)],
  };
}

export async function writeAssetsManifest(
  opts: BuildOptions,
  metafile: esbuild.Metafile,
): Promise<IslandAssets> {
  const outDir = `${opts.root}/${ASSETS_DIR}`;
  const byEntry = new Map<string, string>();
  const outputOf = new Map<string, string>();
  const imports: Record<string, string[]> = {};
  for (const [out, meta] of Object.entries(metafile.outputs)) {
    if (!out.endsWith(".js")) continue;
    const name = out.slice(out.lastIndexOf("/") + 1);
    if (meta.entryPoint) {
      byEntry.set(meta.entryPoint.replace(/^\.\//, ""), name);
      outputOf.set(meta.entryPoint.replace(/^\.\//, ""), out);
    }
    imports[name] = meta.imports.filter((i) => i.kind === "import-statement")
      .map((i) => i.path.slice(i.path.lastIndexOf("/") + 1));
  }
  const islands: IslandAssets["islands"] = {};
  for (const i of opts.islands) {
    const entry = i.file.replace(/^\.\//, "");
    const classes = await islandClasses(opts.root, islandSources(metafile, outputOf.get(entry)!));
    islands[i.name] = { file: byEntry.get(entry)!, exportName: i.exportName, classes };
  }
  const assets: IslandAssets = { base: "/_islands/", client: byEntry.get("lib/fresh/client.ts")!, islands, imports };
  await Deno.writeTextFile(`${outDir}/${ASSETS_MANIFEST}`, JSON.stringify(assets, null, 2));
  return assets;
}

async function clean(root: string) {
  await Deno.remove(`${root}/${ASSETS_DIR}`, { recursive: true }).catch(() => {});
  await Deno.mkdir(`${root}/${ASSETS_DIR}`, { recursive: true });
}

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** Writes `.br` (quality 11) and `.gz` (level 9) next to each built file, served to clients that accept them. */
export async function precompress(root: string, metafile: esbuild.Metafile) {
  await Promise.all(
    Object.keys(metafile.outputs).map(async (out) => {
      const file = `${root}/${out}`;
      const bytes = await Deno.readFile(file);
      const br = await brotli(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
      await Deno.writeFile(`${file}${SUFFIX.br}`, br);
      await Deno.writeFile(`${file}${SUFFIX.gzip}`, await gzipped(bytes, { level: 9 }));
    }),
  );
}

/** One production build. */
export async function buildIslands(opts: BuildOptions): Promise<IslandAssets> {
  await clean(opts.root);
  try {
    const result = await esbuild.build(buildConfig(opts));
    await precompress(opts.root, result.metafile!);
    return await writeAssetsManifest(opts, result.metafile!);
  } finally {
    await esbuild.stop();
  }
}

/** Dev: builds now and rebuilds whenever an island or what it imports changes. */
export async function watchIslands(
  opts: BuildOptions,
  onBuild: (assets: IslandAssets) => void,
): Promise<{ dispose(): Promise<void> }> {
  await clean(opts.root);
  const ctx = await esbuild.context({
    ...buildConfig(opts),
    plugins: [...buildConfig(opts).plugins!, {
      name: "on-build",
      setup(build) {
        build.onEnd(async (result) => {
          if (result.errors.length) {
            console.error(await esbuild.formatMessages(result.errors, { kind: "error" }));
          } else if (result.metafile) onBuild(await writeAssetsManifest(opts, result.metafile));
        });
      },
    }],
  });
  await ctx.rebuild();
  await ctx.watch();
  return { dispose: async () => (await ctx.dispose(), await esbuild.stop()) };
}
