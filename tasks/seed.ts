/**
 * `deno task seed [flags]`: loads generated orgs into the database of DATABASE_URL (PGlite in
 * DATA_DIR when unset). Counts are per org; the same flags always give the same data.
 */
import { parseArgs } from "node:util";
import { config } from "@/lib/config/env.ts";
import type { OrgCounts } from "@/lib/seed/generate.ts";
import { DEFAULT_COUNTS, seed, SEED_PASSWORD } from "@/lib/seed/seed.ts";
import { type LoadMethod, openTarget } from "@/lib/seed/targets.ts";

const HELP = `Usage: deno task seed [flags]   (counts are per org)

  --orgs N         orgs to create, slugs <prefix>-1 … <prefix>-N (default 3); existing slugs are skipped
  --prefix NAME    slug prefix (default "seed")
  --members N      members besides the owner, ~1 in 6 an admin (default ${DEFAULT_COUNTS.members})
  --companies N    (default ${DEFAULT_COUNTS.companies})
  --contacts N     (default ${DEFAULT_COUNTS.contacts})
  --leads N        (default ${DEFAULT_COUNTS.leads})
  --deals N        (default ${DEFAULT_COUNTS.deals}); each also gets ~3 history rows
  --activities N   calls, emails, meetings, notes, tasks (default ${DEFAULT_COUNTS.activities})
  --seed N         random seed (default 1)
  --now DATE       end of the two years of data (default: today, 00:00 UTC)
  --method copy|insert   default: COPY where the role may, else multi-row INSERT
  --json           print the report as JSON

Example: deno task seed --orgs 50 --deals 2000 --contacts 2000 --activities 20000`;

const { values } = parseArgs({
  options: {
    orgs: { type: "string", default: "3" },
    prefix: { type: "string", default: "seed" },
    seed: { type: "string", default: "1" },
    now: { type: "string" },
    method: { type: "string" },
    json: { type: "boolean", default: false },
    help: { type: "boolean", default: false },
    ...Object.fromEntries(Object.keys(DEFAULT_COUNTS).map((k) => [k, { type: "string" as const }])),
  },
});

if (values.help) {
  console.log(HELP);
  Deno.exit(0);
}

function count(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${name} must be a whole number\n\n${HELP}`);
    Deno.exit(2);
  }
  return n;
}

const counts = Object.fromEntries(
  Object.entries(DEFAULT_COUNTS).map(([k, v]) => [k, count(k, (values as Record<string, unknown>)[k], v)]),
) as unknown as OrgCounts;
const today = new Date(new Date().toISOString().slice(0, 10)).getTime();
const now = values.now ? Date.parse(values.now) : today;
if (Number.isNaN(now)) {
  console.error(`--now must be a date such as 2025-01-31`);
  Deno.exit(2);
}
if (values.method && values.method !== "copy" && values.method !== "insert") {
  console.error(`--method must be copy or insert`);
  Deno.exit(2);
}

const env = config();
const target = await openTarget({
  databaseUrl: env.DATABASE_URL,
  driver: env.DATABASE_DRIVER,
  pgliteDir: `${env.DATA_DIR}/pglite`,
  neonWsProxy: env.NEON_WS_PROXY,
  method: values.method as LoadMethod | undefined,
});
try {
  const report = await seed(target, {
    seed: count("seed", values.seed, 1),
    orgs: count("orgs", values.orgs, 3),
    prefix: values.prefix!,
    counts,
    now,
    progress: !values.json,
  });
  if (values.json) {
    console.log(JSON.stringify(report, null, 2));
  } else {
    console.log(`\nLoaded with ${report.method} on ${report.driver}:`);
    for (const [table, n] of Object.entries(report.rows)) {
      console.log(`  ${table.padEnd(14)} ${n.toLocaleString("en-US")}`);
    }
    console.log(
      `  ${report.totalRows.toLocaleString("en-US")} rows in ${report.seconds.toFixed(1)} s: ` +
        `${report.rowsPerSecond.toLocaleString("en-US")} rows/s`,
    );
    console.log(`\nSign in with any owner below (password ${SEED_PASSWORD}); skipped orgs existed already:`);
    for (const o of report.orgs) {
      console.log(`  /app/${o.slug.padEnd(12)} ${o.ownerEmail}${o.loaded ? "" : "  (skipped)"}`);
    }
  }
} finally {
  await target.close();
}
