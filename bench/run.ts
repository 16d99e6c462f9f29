/**
 * `deno task bench [--driver pglite|pg] [--quick]`: builds the app, seeds the bench org if needed,
 * probes each endpoint's SQL, starts `main.ts`, loads each endpoint with autocannon on loopback,
 * prints a table with PASS/FAIL per endpoint and writes bench/results.json. See bench/README.md.
 */
import { parseArgs } from "node:util";
import { throwawayPostgres } from "./throwaway_db.ts";
import type { OrgCounts } from "@/lib/seed/generate.ts";
import { seed, type SeedReport } from "@/lib/seed/seed.ts";
import { openTarget } from "@/lib/seed/targets.ts";
import { ENDPOINTS, requestOf, variant } from "./endpoints.ts";
import { load } from "./load.ts";
import type { Probe } from "./probe.ts";
import { check, type EndpointResult, ok, table } from "./report.ts";
import { type Server, startServer } from "./server.ts";
import { pageWeight } from "./weight.ts";

const { values: args } = parseArgs({
  options: {
    driver: { type: "string" },
    quick: { type: "boolean", default: false },
    seconds: { type: "string" },
    connections: { type: "string", default: "10" },
    only: { type: "string" },
    fresh: { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
  },
});

const started = performance.now();
const ROOT = new URL("..", import.meta.url).pathname.replace(/\/$/, "");
const quick = args.quick!;
const mode = quick ? "quick" : "full";
const connections = Number(args.connections);
const seconds = Number(args.seconds ?? (quick ? 3 : 8));
const driver = (args.driver ?? (Deno.env.get("DATABASE_URL") ? "pg" : "pglite")) as "pglite" | "pg";
if (driver !== "pglite" && driver !== "pg") throw new Error("--driver is pglite or pg");

const BENCH_ORG: OrgCounts = quick
  ? { members: 12, companies: 2_000, contacts: 10_000, leads: 2_000, deals: 10_000, activities: 30_000 }
  : { members: 12, companies: 20_000, contacts: 100_000, leads: 20_000, deals: 100_000, activities: 300_000 };
const NEIGHBOUR: OrgCounts = {
  members: 4,
  companies: 500,
  contacts: 2_000,
  leads: 500,
  deals: 2_000,
  activities: 5_000,
};
const NEIGHBOURS = quick ? 2 : 4;
const SEED = 42;

const log = (msg: string) => console.log(`[bench ${((performance.now() - started) / 1000).toFixed(0)}s] ${msg}`);

async function run(cmd: string[], env: Record<string, string>) {
  const { code } = await new Deno.Command(Deno.execPath(), {
    args: cmd,
    env,
    clearEnv: true,
    cwd: ROOT,
    stdout: "inherit",
    stderr: "inherit",
  })
    .output();
  if (code !== 0) throw new Error(`deno ${cmd.join(" ")} exited with ${code}`);
}

// Everything started here is stopped on the way out, Ctrl-C included.
const cleanups: (() => Promise<void>)[] = [];
async function cleanUp() {
  for (const fn of cleanups.splice(0).reverse()) await fn().catch((err) => console.error(err));
}
Deno.addSignalListener("SIGINT", async () => {
  await cleanUp();
  Deno.exit(130);
});

/** The child processes' environment: this one's, with the chosen database. */
const childEnv: Record<string, string> = Object.fromEntries(
  Object.entries(Deno.env.toObject()).filter(([k]) => !["DATABASE_URL", "DATABASE_DRIVER", "DATA_DIR"].includes(k)),
);
childEnv.BENCH = "1";
childEnv.NO_COLOR = "1";

async function prepareDatabase(): Promise<{ label: string; targetUrl?: string; pgliteDir?: string }> {
  await Deno.mkdir(`${ROOT}/.data/bench`, { recursive: true });
  if (driver === "pglite") {
    const dataDir = `${ROOT}/.data/bench/pglite-${mode}`;
    const marker = `${dataDir}/seed.json`;
    const wanted = JSON.stringify({ BENCH_ORG, NEIGHBOUR, NEIGHBOURS, SEED });
    const existing = await Deno.readTextFile(marker).catch(() => null);
    if (args.fresh || (existing !== null && existing !== wanted)) {
      await Deno.remove(dataDir, { recursive: true }).catch(() => {});
    }
    await Deno.mkdir(dataDir, { recursive: true });
    await Deno.writeTextFile(marker, wanted);
    childEnv.DATA_DIR = dataDir;
    return { label: `PGlite (${dataDir})`, pgliteDir: `${dataDir}/pglite` };
  }
  const given = Deno.env.get("DATABASE_URL");
  if (given) {
    childEnv.DATABASE_URL = given;
    return { label: "Postgres (DATABASE_URL)", targetUrl: given };
  }
  const db = await throwawayPostgres("nexa_bench");
  if (!args.keep) cleanups.push(db.drop);
  childEnv.DATABASE_URL = db.url;
  return { label: `Postgres (throwaway database ${db.name})`, targetUrl: db.url };
}

async function seedBench(db: { targetUrl?: string; pgliteDir?: string }): Promise<SeedReport> {
  const target = await openTarget(db.targetUrl ? { databaseUrl: db.targetUrl } : { pgliteDir: db.pgliteDir });
  try {
    const now = new Date(new Date().toISOString().slice(0, 10)).getTime();
    const main = await seed(target, { seed: SEED, orgs: 1, prefix: "bench", counts: BENCH_ORG, now, progress: true });
    await seed(target, { seed: SEED, orgs: NEIGHBOURS, prefix: "neighbour", counts: NEIGHBOUR, now, progress: true });
    return main;
  } finally {
    await target.close();
  }
}

async function measure(server: Server, probe: Probe): Promise<EndpointResult[]> {
  const results: EndpointResult[] = [];
  let floorP50 = NaN;
  const only = args.only ? new RegExp(args.only, "i") : null;
  for (const probed of probe.endpoints) {
    const spec = ENDPOINTS.find((e) => e.name === probed.endpoint)!;
    const result: Omit<EndpointResult, "checks"> = { ...probed, spec };
    if (ok(probed.status) && (!only || spec.kind === "floor" || only.test(probed.name))) {
      // API endpoints take the bench's keys in turn (the request's own is replaced each time).
      const request = requestOf(spec, { cookie: probe.cookie, apiKey: "" });
      const url = server.url + (spec.vary ? variant(probed.path, 0) : probed.path);
      if (spec.kind === "page") result.weight = await pageWeight(url, request.headers);
      const authorizations = spec.kind === "api" ? probe.apiKeys.map((k) => `Bearer ${k}`) : [];
      // Varying paths start past the variants the probe and the weight used, so none is cached.
      const pathFor = spec.vary ? (i: number) => variant(probed.path, i + 2) : undefined;
      result.load = await load(url, {
        connections,
        seconds,
        warmupSeconds: spec.vary ? 0 : 1,
        request: { ...request, authorizations, pathFor },
      });
      if (spec.kind === "floor") floorP50 = result.load.p50;
      const sqlP50 = probed.sql?.p50 ?? 0;
      if (!Number.isNaN(floorP50)) {
        const p50 = floorP50 + sqlP50;
        result.floor = { routeP50: floorP50, sqlP50, p50, ratio: result.load.p50 / p50 };
      }
      log(`${probed.name}: ${result.load.rps.toFixed(0)} req/s, p50 ${result.load.p50.toFixed(1)} ms`);
    }
    results.push({ ...result, checks: check(result) });
  }
  return results;
}

async function main() {
  log(`driver ${driver}, ${mode} run, ${connections} connections, ${seconds} s per endpoint`);
  await run(["run", "-A", "dev.ts", "build"], childEnv);
  const db = await prepareDatabase();
  log(`database: ${db.label}`);
  const seeded = await seedBench(db);
  log(
    seeded.totalRows ? `seeded ${seeded.totalRows} rows at ${seeded.rowsPerSecond} rows/s` : "bench org already seeded",
  );

  const probeFile = await Deno.makeTempFile({ prefix: "nexa-bench-probe-", suffix: ".json" });
  cleanups.push(() => Deno.remove(probeFile));
  const org = seeded.orgs[0];
  log("probing endpoints and replaying their SQL");
  await run([
    "run",
    "-A",
    "bench/probe.ts",
    `--org=${org.slug}`,
    `--user=${org.ownerEmail}`,
    `--out=${probeFile}`,
    `--deep=${quick ? 10 : 40}`,
    `--concurrency=${connections}`,
    `--seconds=${quick ? 1 : 2}`,
  ], childEnv);
  const probe: Probe = JSON.parse(await Deno.readTextFile(probeFile));

  const server = await startServer(childEnv, `${ROOT}/.data/bench/server.log`);
  cleanups.push(() => server.stop());
  log(`server pid ${server.pid} at ${server.url}`);
  const results = await measure(server, probe);
  const peakRss = server.peakRss();
  await server.stop();

  const failures = results.flatMap((r) => r.checks.filter((c) => !c.pass).map((c) => `FAIL ${r.name}: ${c.detail}`));
  const passes = results.flatMap((r) => r.checks.filter((c) => c.pass)).length;
  const commit = new TextDecoder().decode(
    (await new Deno.Command("git", { args: ["rev-parse", "--short", "HEAD"], cwd: ROOT }).output()).stdout,
  ).trim();

  console.log(
    `\nNexaCRM bench — ${db.label}, ${mode}: bench org ${BENCH_ORG.deals.toLocaleString("en-US")} deals, ` +
      `${BENCH_ORG.contacts.toLocaleString("en-US")} contacts; ${connections} connections × ${seconds} s; ms\n`,
  );
  console.log(table(results));
  console.log(
    `\nSeed: ${
      seeded.totalRows
        ? `${seeded.totalRows.toLocaleString("en-US")} rows in ${seeded.seconds.toFixed(1)} s = ${
          seeded.rowsPerSecond.toLocaleString("en-US")
        } rows/s (${seeded.method})`
        : "reused from an earlier run"
    }`,
  );
  console.log(`Server peak RSS (VmHWM): ${(peakRss / 1024 / 1024).toFixed(0)} MB`);
  console.log(`Budgets: ${passes} pass, ${failures.length} fail`);
  for (const f of failures) console.log(`  ${f}`);
  for (
    const r of results.filter((r) => r.checks.some((c) => !c.pass && c.budget !== "css" && c.budget !== "js") && r.sql)
  ) {
    console.log(`  slowest SQL of ${r.name}: ${r.sql!.slowest.ms.toFixed(1)} ms, ${r.sql!.slowest.plan}`);
  }

  await Deno.writeTextFile(
    `${ROOT}/bench/results.json`,
    JSON.stringify(
      {
        date: new Date().toISOString(),
        commit,
        driver,
        database: db.label,
        mode,
        settings: { connections, seconds, benchOrg: BENCH_ORG, neighbours: { count: NEIGHBOURS, counts: NEIGHBOUR } },
        seed: seeded.totalRows ? seeded : null,
        peakRssBytes: peakRss,
        endpoints: results.map(({ spec: _spec, ...r }) => r),
        failures,
        seconds: (performance.now() - started) / 1000,
      },
      null,
      2,
    ) + "\n",
  );
  log(`wrote bench/results.json; done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

try {
  await main();
} finally {
  await cleanUp();
}
