/**
 * The browser's form check (islands/FormCheck.tsx): the messages it shows are the server's, and
 * what it loads stays small: no database code, and zod only once a form is used (never on the board).
 */
import assert from "node:assert/strict";
import * as esbuild from "esbuild";
import { ROOT } from "@/lib/app.ts";
import { buildConfig } from "@/lib/fresh/build.ts";
import { formErrors } from "@/lib/form_check/form_check.ts";

Deno.test("the browser check answers with the server's field messages", () => {
  assert.deepEqual(formErrors("company", { name: " ", domain: "not a domain" }, "USD"), {
    name: "Required",
    domain: "Enter a domain like acme.com",
  });
  assert.deepEqual(formErrors("company", { name: "Globex", domain: "https://www.globex.test/x" }, "USD"), {});
  assert.deepEqual(formErrors("contact", { first_name: "Ada", email: "ada@" }, "USD"), {
    email: "Enter a valid email address",
  });
  assert.deepEqual(formErrors("lead", { name: "x".repeat(201) }, "USD"), { name: "At most 200 characters" });
  assert.deepEqual(formErrors("activity", { type: "task", subject: "Call back", due_at: "" }, "USD"), {
    due_at: "A task needs a due date",
  });
  const deal = { title: "Seats", value: "1,250.505", stage_id: crypto.randomUUID() };
  assert.deepEqual(formErrors("deal", deal, "USD"), { value: "Enter an amount like 1,250.00" });
  assert.deepEqual(formErrors("deal", { ...deal, value: "12.5" }, "JPY"), {
    value: "Enter a whole amount like 1,250",
  });
  assert.deepEqual(formErrors("deal", { ...deal, value: "1,250.50" }, "USD"), {});
});

Deno.test("islands load no database code, and zod only when a form is used", async () => {
  const islands = ["islands/FormCheck.tsx", "islands/DealBoard.tsx"].map((file) => ({
    name: file.slice(8, -4),
    file,
    exportName: "default",
  }));
  const outdir = await Deno.makeTempDir();
  try {
    const { metafile } = await esbuild.build({ ...buildConfig({ root: ROOT, islands }), outdir, write: false });
    const outputs = metafile!.outputs;
    const inputs = Object.values(outputs).flatMap((o) => Object.keys(o.inputs));
    assert.deepEqual(inputs.filter((i) => /kysely|\/pg@|pglite|\/db\//.test(i)), []);

    /** The files a page fetches up front for `entry`: it and its static imports, transitively. */
    const upFront = (entry: string) => {
      const start = Object.keys(outputs).find((o) => outputs[o].entryPoint === entry)!;
      const seen = new Set([start]);
      for (const out of seen) {
        for (const i of outputs[out].imports) if (i.kind === "import-statement") seen.add(i.path);
      }
      return [...seen];
    };
    const zodIn = (files: string[]) =>
      files.filter((f) => Object.keys(outputs[f].inputs).some((i) => i.includes("zod")));
    assert.deepEqual(zodIn(upFront("islands/FormCheck.tsx")), [], "zod loads on demand");
    assert.deepEqual(zodIn(upFront("islands/DealBoard.tsx")), [], "the board never loads zod");
    assert.ok(zodIn(Object.keys(outputs)).length, "the form check's lazy chunk holds zod");
  } finally {
    await esbuild.stop();
    await Deno.remove(outdir, { recursive: true });
  }
});
