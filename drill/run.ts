/**
 * `deno task drill [a b …|--all] [--driver pg|neon]`: fault drills against the production server (main.ts) on a
 * throwaway Postgres cluster on loopback, each bounded in time, each printing errors by kind, recovery time,
 * acknowledged-vs-stored writes and peak memory with PASS/FAIL. Without names it runs the short ones CI runs
 * (a, c, d, f); `--all` adds the 30-second outage, the overload and the 10-minute soak. See drill/README.md.
 */
import { parseArgs } from "node:util";
import { type DrillResult, DRILLS } from "./drills.ts";
import { prepare } from "./setup.ts";

const { values: args, positionals } = parseArgs({
  options: { all: { type: "boolean", default: false }, driver: { type: "string", default: "pg" } },
  allowPositionals: true,
});
const driver = args.driver as "pg" | "neon";
if (driver !== "pg" && driver !== "neon") throw new Error("--driver is pg or neon");
const SHORT = ["a", "c", "d", "f"];
const chosen = positionals.length ? positionals : args.all ? Object.keys(DRILLS) : SHORT;
const unknown = chosen.filter((name) => !(name in DRILLS));
if (unknown.length) throw new Error(`no drill ${unknown.join(", ")}; drills: ${Object.keys(DRILLS).join(" ")}`);

const env = await prepare(driver);
// Interrupted, the drill still stops its cluster and the processes it started.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  Deno.addSignalListener(signal, async () => {
    await env.close();
    Deno.exit(130);
  });
}
const results: DrillResult[] = [];
try {
  for (const name of chosen) {
    console.log(`\n::: drill ${name}: ${DRILLS[name].title} (${driver})`);
    const result = await DRILLS[name].run(env);
    results.push(result);
    for (const line of result.lines) console.log(`  ${line}`);
    console.log(`  ${result.pass ? "PASS" : "FAIL"}${result.pass ? "" : `: ${result.failures.join("; ")}`}`);
  }
} finally {
  await env.close();
}
const failed = results.filter((r) => !r.pass).length;
// The summary in deno test's form, which CI adds to its totals.
console.log(
  `\n${failed ? "FAILED" : "ok"} | ${results.length - failed} passed | ${failed} failed (drills on ${driver})`,
);
Deno.exit(failed ? 1 : 0);
