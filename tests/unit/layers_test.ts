/**
 * The folders of lib/ (and db/, tasks/) are layers: no folder imports one that imports it back, the
 * data floor imports no feature, and only the scope module sets the tenant. Read from the source text,
 * so a new import that runs "up" fails here before it becomes a habit.
 */
import assert from "node:assert/strict";
import { dirname, join, normalize, relative } from "node:path";
import { ROOT } from "@/lib/app.ts";

const SOURCE = /\.(ts|tsx)$/;
const IMPORT = /(?:\bfrom|\bimport)\s*\(?\s*["']([^"']+)["']/g;

async function* walk(dir: string): AsyncGenerator<string> {
  for await (const entry of Deno.readDir(join(ROOT, dir))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory) yield* walk(path);
    else if (SOURCE.test(entry.name)) yield path;
  }
}

/** `lib/deals/move.ts` → `lib/deals`; a file at lib/'s top level belongs to `lib`. */
function folderOf(file: string): string {
  const parts = file.split("/");
  return parts[0] === "lib" && parts.length > 2 ? `lib/${parts[1]}` : parts[0];
}

async function importGraph() {
  const files = new Map<string, string>();
  for (const top of ["lib", "db", "tasks"]) {
    for await (const file of walk(top)) files.set(file, await Deno.readTextFile(join(ROOT, file)));
  }
  const edges = new Map<string, Map<string, string>>(); // folder → imported folder → one file that does it
  for (const [file, text] of files) {
    for (const [, spec] of text.matchAll(IMPORT)) {
      const target = spec.startsWith("@/")
        ? normalize(spec.slice(2))
        : spec.startsWith(".")
        ? normalize(join(dirname(file), spec))
        : null;
      if (!target || relative(".", target).startsWith("..")) continue;
      const [from, to] = [folderOf(file), folderOf(target)];
      if (from === to || !["lib", "db", "tasks"].includes(to.split("/")[0])) continue;
      if (!edges.has(from)) edges.set(from, new Map());
      if (!edges.get(from)!.has(to)) edges.get(from)!.set(to, `${file} → ${target}`);
    }
  }
  return { files, edges };
}

/** Folders that reach each other (Tarjan's strongly connected components of more than one folder). */
function cycles(edges: Map<string, Map<string, string>>): string[][] {
  const index = new Map<string, number>(), low = new Map<string, number>(), onStack = new Set<string>();
  const stack: string[] = [], found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of edges.keys()) if (!index.has(v)) visit(v);
  return found;
}

Deno.test("lib/ folders form layers: no folder-level import cycle", async () => {
  const { edges } = await importGraph();
  const found = cycles(edges);
  const detail = found.map((c) =>
    c.map((a) => c.filter((b) => edges.get(a)?.has(b)).map((b) => edges.get(a)!.get(b)).join("\n  ")).join("\n  ")
  );
  assert.deepEqual(found, [], `import cycles between folders:\n  ${detail.join("\n\n  ")}`);
});

Deno.test("the data floor and the database import no feature", async () => {
  const { edges } = await importGraph();
  const floor = new Set(["lib/config", "lib/fresh", "lib/http", "lib/data", "db"]);
  for (const folder of ["lib/data", "db", "lib/config", "lib/fresh"]) {
    for (const [to, via] of edges.get(folder) ?? []) assert.ok(floor.has(to), `${folder} imports ${to}: ${via}`);
  }
});

Deno.test("only the scope module sets the tenant", async () => {
  const { files } = await importGraph();
  const setters = [...files].filter(([file, text]) =>
    /set_config\(\s*'app\./.test(text) && !file.startsWith("db/migrations/") && file !== "lib/data/scope.ts"
  ).map(([file]) => file);
  assert.deepEqual(setters, []);
});
