/**
 * `deno task bench:export [--quick]`: "export everything" of the bench-size org (20k companies, 100k contacts,
 * 20k leads, 100k deals, 300k activities; --quick: a tenth) on a throwaway Postgres database (at 127.0.0.1:5432,
 * or the server of DATABASE_URL), seeded as `deno task bench` seeds it. A second process, started once the seed is
 * in, writes the zip to a temporary file as the export job does and reports the time, the zip's size and its own
 * memory (RSS and JS heap, sampled every 50 ms) before and during the export.
 * `--database URL --org SLUG` measures an org already seeded there (that second process).
 */
import { parseArgs } from "node:util";
import { openDatabase } from "@/db/client.ts";
import { resolveMembership } from "@/lib/auth/guard.ts";
import { parseConfig } from "@/lib/config/env.ts";
import { setServices } from "@/lib/data/services.ts";
import { writeExport } from "@/lib/exports/files.ts";
import { workspaceZip } from "@/lib/exports/zip.ts";
import type { OrgCounts } from "@/lib/seed/generate.ts";
import { seed } from "@/lib/seed/seed.ts";
import { openTarget } from "@/lib/seed/targets.ts";
import { throwawayPostgres } from "./throwaway_db.ts";

const { values: args } = parseArgs({
  options: { quick: { type: "boolean", default: false }, database: { type: "string" }, org: { type: "string" } },
});
const log = (msg: string) => console.log(`[bench:export] ${msg}`);
const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(0)} MB`;

async function measure(databaseUrl: string, slug: string): Promise<void> {
  const dataDir = await Deno.makeTempDir();
  const config = parseConfig({ DATABASE_URL: databaseUrl, DATA_DIR: dataDir });
  const database = await openDatabase({ databaseUrl, migrate: false });
  try {
    setServices({ config, db: database.db, driver: database.driver });
    // The seed's owner of the org (lib/seed/generate.ts).
    const user = await database.db.selectFrom("users").select(["id", "email", "name"])
      .where("email", "=", `owner@${slug}.nexacrm.test`).executeTakeFirstOrThrow();
    const auth = await resolveMembership({ ...user, emailVerified: true, sessionHash: "" }, slug);
    const before = Deno.memoryUsage();
    let peak = before.rss;
    let peakHeap = before.heapUsed;
    const sample = () => {
      const now = Deno.memoryUsage();
      peak = Math.max(peak, now.rss);
      peakHeap = Math.max(peakHeap, now.heapUsed);
    };
    const sampler = setInterval(sample, 50);
    const started = performance.now();
    const size = await writeExport(`${dataDir}/bench.zip`, workspaceZip(auth));
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    sample();
    log(
      `zip of ${mb(size)} in ${seconds.toFixed(1)} s; RSS ${mb(before.rss)} before, peak ${mb(peak)} ` +
        `(+${mb(peak - before.rss)}); JS heap ${mb(before.heapUsed)} before, peak ${mb(peakHeap)}`,
    );
  } finally {
    await database.close();
    await Deno.remove(dataDir, { recursive: true });
  }
}

if (args.database && args.org) {
  await measure(args.database, args.org);
} else {
  const scale = args.quick ? 10 : 1;
  const counts: OrgCounts = {
    members: 12,
    companies: 20_000 / scale,
    contacts: 100_000 / scale,
    leads: 20_000 / scale,
    deals: 100_000 / scale,
    activities: 300_000 / scale,
  };
  const db = await throwawayPostgres("nexa_bench_export");
  try {
    const target = await openTarget({ databaseUrl: db.url });
    const now = new Date(new Date().toISOString().slice(0, 10)).getTime();
    const seeded = await seed(target, { seed: 42, orgs: 1, prefix: "bench", counts, now });
    await target.close();
    const records = counts.companies + counts.contacts + counts.leads + counts.deals + counts.activities;
    log(`seeded ${records.toLocaleString("en-US")} records (${seeded.totalRows.toLocaleString("en-US")} rows)`);
    const measured = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", import.meta.filename!, "--database", db.url, "--org", seeded.orgs[0].slug],
      stdout: "inherit",
      stderr: "inherit",
    });
    if (!(await measured.output()).success) throw new Error("the export failed");
  } finally {
    await db.drop();
  }
}
