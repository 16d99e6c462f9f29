/** Loads generated orgs into a target: skips orgs already there (by slug), reports rows and rows/s. */
import { hashPassword } from "@/lib/auth/password.ts";
import type { SeedTable } from "./batches.ts";
import { type GeneratedOrg, type OrgCounts, planOrg } from "./generate.ts";
import { progressBar } from "./progress.ts";
import { DERIVED_TABLES, type LoadMethod, type Target } from "./targets.ts";

/** The password of every seeded user, the demo user included. */
export const SEED_PASSWORD = "nexacrm-demo-2024";

export interface SeedOptions {
  seed: number;
  /** Orgs are `<prefix>-1` … `<prefix>-<orgs>`. */
  orgs: number;
  prefix: string;
  /** Per org. */
  counts: OrgCounts;
  /** Data spans the two years before this moment (ms). */
  now: number;
  progress?: boolean;
}

export interface SeedReport {
  method: LoadMethod;
  driver: string;
  orgs: { slug: string; id: string; name: string; ownerEmail: string; loaded: boolean }[];
  rows: Partial<Record<SeedTable, number>>;
  totalRows: number;
  seconds: number;
  rowsPerSecond: number;
}

export const DEFAULT_COUNTS: OrgCounts = {
  members: 8,
  companies: 500,
  contacts: 2000,
  leads: 500,
  deals: 2000,
  activities: 10000,
};

/** Loads one org whole, generating the next batch while the database takes the current one. */
export async function loadOrg(target: Target, org: GeneratedOrg, onBatch: (table: SeedTable, rows: number) => void) {
  await target.inOrg(org.id, async (writer) => {
    let pending: Promise<void> = Promise.resolve();
    for (const batch of org.batches()) {
      await pending;
      pending = writer.write(batch).then(() => onBatch(batch.table, batch.rows.length));
    }
    await pending;
  });
}

export async function seed(target: Target, opts: SeedOptions): Promise<SeedReport> {
  const passwordHash = await hashPassword(SEED_PASSWORD);
  const planned = Array.from({ length: opts.orgs }, (_, i) =>
    planOrg({
      seed: opts.seed,
      slug: `${opts.prefix}-${i + 1}`,
      counts: opts.counts,
      now: opts.now,
      passwordHash,
    }));
  const todo: GeneratedOrg[] = [];
  for (const org of planned) if (!await target.orgExists(org.slug)) todo.push(org);

  const rows: Partial<Record<SeedTable, number>> = {};
  const progress = opts.progress ? progressBar(todo.reduce((n, o) => n + o.expectedRows, 0)) : null;
  const started = performance.now();
  for (const org of todo) {
    await loadOrg(target, org, (table, n) => {
      rows[table] = (rows[table] ?? 0) + n;
      progress?.add(`${org.slug} ${table}`, n);
    });
  }
  progress?.finish();
  // The loaded tables, and the totals derived from them (lib/seed/targets.ts).
  if (todo.length) await target.analyze([...Object.keys(rows), ...DERIVED_TABLES]);
  const seconds = (performance.now() - started) / 1000;
  const totalRows = Object.values(rows).reduce((a, b) => a + b, 0);
  return {
    method: target.method,
    driver: target.driver,
    orgs: planned.map((o) => ({
      slug: o.slug,
      id: o.id,
      name: o.name,
      ownerEmail: o.ownerEmail,
      loaded: todo.includes(o),
    })),
    rows,
    totalRows,
    seconds,
    rowsPerSecond: seconds > 0 ? Math.round(totalRows / seconds) : 0,
  };
}
