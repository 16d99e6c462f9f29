/**
 * `deno task bench:automation [--driver pg|pglite] [--moves N] [--rounds N]`: what ten active automation
 * rules add to a board move. An org on a throwaway database (Postgres at 127.0.0.1:5432 by default) with a
 * pipeline of deals; rounds alternate between no active rule and ten active "deal moved to a stage" rules
 * (each with an email and a task), N moves each in alternating blocks of 50, every move in its own transaction
 * as the board's request makes it. No worker runs: what is measured is the request's share (the listener finding the org's rules
 * and enqueuing one evaluation job), not the rules' later work. Prints p50/p95 per mode, the overhead and its spread over rounds.
 */
import { parseArgs } from "node:util";
import { createAccount } from "@/lib/auth/accounts.ts";
import { saveRule } from "@/lib/automation/rules.ts";
import "@/lib/automation/jobs.ts";
import { parseConfig } from "@/lib/config/env.ts";
import { type OrgScope, withOrg } from "@/lib/data/scope.ts";
import { setServices } from "@/lib/data/services.ts";
import { createDeal } from "@/lib/deals/deals.ts";
import { moveDeal } from "@/lib/deals/move.ts";
import { choosePipeline } from "@/lib/pipelines/pipelines.ts";
import { createOrg } from "@/lib/tenancy/orgs.ts";
import { percentiles } from "./stats.ts";
import { throwawayDatabase } from "./throwaway_db.ts";

const { values: args } = parseArgs({
  options: {
    driver: { type: "string", default: "pg" },
    moves: { type: "string", default: "500" },
    rounds: { type: "string", default: "3" },
  },
});
const driver = args.driver;
if (driver !== "pg" && driver !== "pglite") throw new Error("--driver is pg or pglite");
const MOVES = Number(args.moves);
const ROUNDS = Number(args.rounds);
const RULES = 10;
const DEALS = 200;
const BLOCK = 50;
const pct = (x: number) => `${x >= 0 ? "+" : ""}${(x * 100).toFixed(1)} %`;
const log = (msg: string) => console.log(`[bench:automation] ${msg}`);

const { database, label, drop } = await throwawayDatabase(driver, "nexa_bench_automation");
try {
  setServices({ config: parseConfig({ DENO_ENV: "test" }), db: database.db, driver: database.driver });
  log(`database: ${label}`);
  const user = await createAccount(
    { name: "Bench", email: "bench-automation@example.test", password: "correct horse battery" },
    { verified: true },
  );
  const org = await createOrg(user.id, { name: "Automation Bench" });
  const viewer = {
    user: { id: user.id },
    org: { id: org.id, visibility: "all" as const, currency: "USD", rotting_days: 14 },
    role: "OWNER" as const,
    team: null,
  };
  const run = <R>(fn: (q: OrgScope) => Promise<R>) => withOrg({ orgId: org.id, userId: user.id }, fn);
  const { pipeline } = await run((q) => choosePipeline(q));
  const stages = pipeline.stages.map((s) => s.id);
  const deals = await run(async (q) => {
    const ids: string[] = [];
    for (let i = 0; i < DEALS; i++) {
      const input = {
        title: `Deal ${i}`,
        value: 100_00,
        expected_close_date: null,
        stage_id: stages[0],
        owner_id: user.id,
        company: null,
        contact: null,
      };
      ids.push((await createDeal(q, viewer, input)).id);
    }
    return ids;
  });
  const rules = await run(async (q) => {
    const ids: string[] = [];
    for (let i = 0; i < RULES; i++) {
      const saved = await saveRule(q, { id: user.id, role: "OWNER" }, null, {
        name: `Rule ${i}`,
        match: "all",
        trigger_type: "deal.stage_changed",
        "trigger.to_stage_id": stages[i % stages.length],
        "actions.0.type": "send_email",
        "actions.0.to": "owner",
        "actions.0.subject": "{{deal.title}} moved",
        "actions.0.body": "{{deal.title}} is in a new stage.",
        "actions.1.type": "create_task",
        "actions.1.title": "Follow up on {{deal.title}}",
        "actions.1.due_days": "2",
        "actions.1.assignee": "owner",
      });
      if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
      ids.push(saved.id);
    }
    return ids;
  });
  const setActive = (active: boolean) =>
    run((q) => q.updateTable("automation_rules").set({ active }).where("id", "in", rules).execute());

  let n = 0;
  const moves = async (count: number): Promise<number[]> => {
    const times: number[] = [];
    for (let i = 0; i < count; i++, n++) {
      const deal = deals[n % DEALS];
      const stageId = stages[(Math.floor(n / DEALS) + 1) % stages.length];
      const started = performance.now();
      await run((q) => moveDeal(q, viewer, deal, { stageId, afterId: null, beforeId: null }));
      times.push(performance.now() - started);
    }
    return times;
  };

  await setActive(false);
  await moves(BLOCK * 4); // warm-up
  // Blocks of moves alternate between the two modes, so the machine's drift weighs on both alike.
  const all: Record<"none" | "ten", number[]> = { none: [], ten: [] };
  const overheads: number[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const p50: Record<"none" | "ten", number> = { none: 0, ten: 0 };
    const times: Record<"none" | "ten", number[]> = { none: [], ten: [] };
    for (let block = 0; block < MOVES / BLOCK; block++) {
      for (const mode of ["none", "ten"] as const) {
        await setActive(mode === "ten");
        times[mode].push(...await moves(BLOCK));
      }
    }
    for (const mode of ["none", "ten"] as const) {
      all[mode].push(...times[mode]);
      p50[mode] = percentiles(times[mode]).p50;
    }
    overheads.push(p50.ten / p50.none - 1);
    log(
      `round ${round}: ${MOVES} moves each, p50 ${p50.none.toFixed(2)} ms without rules, ` +
        `${p50.ten.toFixed(2)} ms with ${RULES} active rules (${pct(p50.ten / p50.none - 1)})`,
    );
  }
  for (const mode of ["none", "ten"] as const) {
    const p = percentiles(all[mode]);
    log(
      `${mode === "ten" ? `${RULES} active rules` : "no active rule"}: ${p.count} moves, ` +
        `p50 ${p.p50.toFixed(2)} / p95 ${p.p95.toFixed(2)} / p99 ${p.p99.toFixed(2)} ms`,
    );
  }
  const [none, ten] = [percentiles(all.none).p50, percentiles(all.ten).p50];
  log(
    `board move p50 overhead of ${RULES} active rules: ${pct(ten / none - 1)} ` +
      `(rounds from ${pct(Math.min(...overheads))} to ${pct(Math.max(...overheads))}; budget within +10 %)`,
  );
} finally {
  await database.close();
  await drop();
}
