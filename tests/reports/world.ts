/**
 * A seeded org for the report tests: members in teams, two pipelines, deals across the org's
 * midnight and month boundaries, in its currency and another, moved back and forth through the lib
 * (their history and furthest stage written as the app writes them), closed, reopened and deleted;
 * activities, tasks done and undone; leads converted into won, lost and deleted deals.
 */
import { type AuthContext, resolveMembership } from "@/lib/auth/guard.ts";
import { setOutcome } from "@/lib/deals/outcome.ts";
import { moveDeal } from "@/lib/deals/move.ts";
import { type OrgScope, withOrg } from "@/lib/data/scope.ts";
import { choosePipeline, createPipeline, type Pipeline, pipelinesWithStages } from "@/lib/pipelines/pipelines.ts";
import { fromWallClock } from "@/lib/time/zones.ts";
import { addDays, localDay } from "@/lib/reports/periods.ts";
import type { TestApp } from "../helpers/app.ts";
import { orgWithOwner, type SignedIn } from "../helpers/accounts.ts";

export interface ReportWorld {
  orgId: string;
  slug: string;
  pipelines: Pipeline[];
  users: Record<"owner" | "admin" | "rita" | "ned" | "sol" | "lone", SignedIn>;
  /** The member signed in through the app's guard (the org's settings as they are now). */
  viewer(who: keyof ReportWorld["users"]): Promise<AuthContext>;
  run<R>(fn: (q: OrgScope) => Promise<R>): Promise<R>;
}

/** mulberry32: the same seed, the same org. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)],
    chance: (p: number) => next() < p,
  };
}

const REASONS = ["Price too high", "Chose a competitor", "Timing", null, ""] as const;
const KINDS = ["call", "email", "meeting", "note", "task"] as const;

export async function reportWorld(
  app: TestApp,
  opts: { zone: string; currency: string; otherCurrency: string; seed: number; deals?: number },
): Promise<ReportWorld> {
  const o = await orgWithOwner(app, `Reports ${opts.currency}`);
  const users = {
    owner: o as SignedIn,
    admin: await o.addMember("ADMIN", "Ada Admin"),
    rita: await o.addMember("MEMBER", "Rita Rep"),
    ned: await o.addMember("MEMBER", "Ned North"),
    sol: await o.addMember("MEMBER", "Sol South"),
    lone: await o.addMember("MEMBER", "Lou Lone"),
  };
  const run = <R>(fn: (q: OrgScope) => Promise<R>) => withOrg({ orgId: o.org.id, userId: o.user.id }, fn);
  const teams: [SignedIn, string][] = [[users.rita, "North"], [users.ned, "North"], [users.sol, "South"]];
  await run(async (q) => {
    await q.trx.updateTable("orgs").set({ time_zone: opts.zone, currency: opts.currency }).where("id", "=", q.orgId)
      .execute();
    for (const [u, team] of teams) {
      await q.updateTable("memberships").set({ team }).where("user_id", "=", u.user.id).execute();
    }
    await choosePipeline(q); // the default pipeline, made on first need
    await createPipeline(q, "Renewals");
  });
  const viewer = (who: keyof typeof users) =>
    resolveMembership({ ...users[who].user, emailVerified: true, sessionHash: "" }, o.org.slug);
  const owner = await viewer("owner");

  const rnd = random(opts.seed);
  const now = Date.now();
  const DAY = 86_400_000;
  const owners = [...Object.values(users).map((u) => u.user.id), null];
  /** An instant some days ago, often a few seconds either side of midnight in the org's zone. */
  const moment = (daysAgo: number) => {
    const d = addDays(localDay(new Date(now), opts.zone), -daysAgo);
    const edge = rnd.int(3);
    const wall = edge === 0 ? `${addDays(d, -1)}T23:59` : edge === 1 ? `${d}T00:00` : `${d}T${10 + rnd.int(8)}:17`;
    return new Date(Math.min(fromWallClock(wall, opts.zone).getTime() + rnd.int(50) * 1000, now - 1000));
  };

  const pipelines = await run(pipelinesWithStages);

  const count = opts.deals ?? 140;
  const ids: string[] = [];
  await run(async (q) => {
    for (let i = 0; i < count; i++) {
      const pipeline = rnd.pick(pipelines);
      const created = moment(20 + rnd.int(430));
      const expected = rnd.chance(0.15) ? null : addDays(localDay(new Date(now), opts.zone), rnd.int(700) - 150);
      const deal = await q.insertInto("deals", {
        title: `Deal ${i}`,
        value_minor: [0, 1, 99, 12_345, 250_000, 1_000_000][rnd.int(6)] + rnd.int(1000),
        currency: rnd.chance(0.08) ? opts.otherCurrency : opts.currency,
        expected_close_date: expected,
        pipeline_id: pipeline.id,
        stage_id: pipeline.stages[rnd.int(2)].id,
        owner_id: rnd.pick(owners),
        stage_entered_at: created,
        created_at: created,
      }).returning("id").executeTakeFirstOrThrow();
      ids.push(deal.id);
    }
  });

  // Moves through the app: forward and back, so history and the furthest stage diverge from the current one.
  for (const id of ids) {
    if (!rnd.chance(0.5)) continue;
    await run(async (q) => {
      const deal = await q.selectFrom("deals").select(["pipeline_id"]).where("id", "=", id).executeTakeFirstOrThrow();
      const stages = pipelines.find((p) => p.id === deal.pipeline_id)!.stages;
      for (let n = 1 + rnd.int(3); n > 0; n--) {
        await moveDeal(q, owner, id, { stageId: rnd.pick(stages).id, afterId: null, beforeId: null });
      }
    });
  }
  // Closed at chosen moments (a year and more back, and across midnights), as a bulk import would.
  await run(async (q) => {
    for (const id of ids) {
      if (!rnd.chance(0.65)) continue;
      const deal = await q.selectFrom("deals").select("created_at").where("id", "=", id).executeTakeFirstOrThrow();
      const won = rnd.chance(0.45);
      const ago = Math.floor((now - deal.created_at.getTime()) / DAY);
      await q.updateTable("deals").set({
        status: won ? "won" : "lost",
        lost_reason: won ? null : rnd.pick(REASONS),
        closed_at: new Date(Math.max(deal.created_at.getTime() + 1000, moment(rnd.int(Math.max(ago, 1))).getTime())),
      }).where("id", "=", id).execute();
    }
  });
  // Through the app: won and lost today, reopened, and deleted.
  for (const id of ids) {
    const status = (await run((q) =>
      q.selectFrom("deals").select("status").where("id", "=", id).executeTakeFirstOrThrow()
    ))
      .status;
    const roll = rnd.next();
    await run(async (q) => {
      if (status === "open" && roll < 0.15) await setOutcome(q, owner, id, { outcome: "won" });
      else if (status === "open" && roll < 0.25) await setOutcome(q, owner, id, { outcome: "lost", reason: "Timing" });
      else if (status !== "open" && roll < 0.1) await setOutcome(q, owner, id, { outcome: "open" });
      else if (roll > 0.93) await q.updateTable("deals").set({ deleted_at: new Date() }).where("id", "=", id).execute();
    });
  }

  await run(async (q) => {
    for (let i = 0; i < 300; i++) {
      const type = rnd.pick(KINDS);
      const created = moment(rnd.int(420));
      const done = type === "task" && rnd.chance(0.7)
        ? new Date(Math.min(created.getTime() + rnd.int(20) * DAY, now - 1000))
        : null;
      await q.insertInto("activities", {
        type,
        subject: `Activity ${i}`,
        record_type: "deal",
        record_id: rnd.pick(ids),
        owner_id: rnd.pick(owners),
        created_at: created,
        done_at: done,
        deleted_at: rnd.chance(0.05) ? new Date() : null,
      }).execute();
    }
    // A task done, then undone; another done now.
    const tasks = await q.selectFrom("activities").select("id").where("type", "=", "task").where("done_at", "is", null)
      .orderBy("id").limit(2).execute();
    for (const t of tasks) {
      await q.updateTable("activities").set({ done_at: new Date() }).where("id", "=", t.id).execute();
    }
    await q.updateTable("activities").set({ done_at: null }).where("id", "=", tasks[0].id).execute();

    const statuses = ["new", "qualified", "disqualified", "converted", "converted"] as const;
    for (let i = 0; i < 70; i++) {
      const status = rnd.pick(statuses);
      await q.insertInto("leads", {
        name: `Lead ${i}`,
        owner_id: rnd.pick(owners),
        status,
        converted_deal_id: status === "converted" ? rnd.pick(ids) : null,
        created_at: moment(rnd.int(420)),
        deleted_at: rnd.chance(0.05) ? new Date() : null,
      }).execute();
    }
  });
  return { orgId: o.org.id, slug: o.org.slug, pipelines, users, viewer, run };
}
