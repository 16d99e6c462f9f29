/**
 * The daily digest: at 8:00 in each org's time zone, each member who has not turned it off gets one email of
 * their tasks due today, their overdue tasks, their rotting deals and yesterday's wins in their scope (their
 * own for members, the org's for owners and admins); none when all four are empty. A recurring tick every
 * 15 minutes finds the orgs whose clock reads 8:00–8:14 (so half-hour zones get theirs at 8:00 too) and
 * enqueues one job per member under a key naming the local day; the day's row in `notification_digests`
 * makes a retried job send nothing twice. Every time comes from the tick (`at`): tests inject the clock.
 */
import { sql } from "kysely";
import * as z from "zod";
import { type OrgScope, withOrg } from "../data/scope.ts";
import { services } from "../data/services.ts";
import { queueEmail } from "../email/jobs.ts";
import { appUrl } from "../email/messages.ts";
import { enqueue } from "../jobs/enqueue.ts";
import { defineJob, defineRecurring } from "../jobs/registry.ts";
import { orgPath } from "../http/paths.ts";
import { endOfDay, startOfDay, toWallClock } from "../time/zones.ts";
import { notificationEmail } from "./notify.ts";
import { preferencesOf } from "./preferences.ts";

export const DIGEST_HOUR = 8;
export const TICK_MINUTES = 15;

/** The orgs whose local time at `at` is within the tick after 8:00, each with its local day. */
async function orgsAtDigestTime(at: Date): Promise<{ id: string; day: string }[]> {
  const { db } = services();
  const zones = await db.selectFrom("orgs").select("time_zone").distinct().execute();
  const due = new Map<string, string>();
  for (const { time_zone } of zones) {
    const wall = toWallClock(at, time_zone);
    const [hour, minute] = wall.slice(11).split(":").map(Number);
    if (hour === DIGEST_HOUR && minute < TICK_MINUTES) due.set(time_zone, wall.slice(0, 10));
  }
  if (!due.size) return [];
  const orgs = await db.selectFrom("orgs").select(["id", "time_zone"]).where("time_zone", "in", [...due.keys()])
    .execute();
  return orgs.map((o) => ({ id: o.id, day: due.get(o.time_zone)! }));
}

/** Enqueues the digest of every member of every org where it is 8:00 at `at`. */
export async function enqueueDigests(at = new Date()): Promise<void> {
  for (const org of await orgsAtDigestTime(at)) {
    await withOrg({ orgId: org.id }, async (q) => {
      const members = await q.selectFrom("memberships").select("user_id").execute();
      for (const { user_id } of members) {
        await enqueue(q, "notifications.digest", { userId: user_id, day: org.day, at: at.toISOString() }, {
          key: `digest:${user_id}:${org.day}`,
        });
      }
    });
  }
}

interface DigestItem {
  title: string;
  link: string;
}

/** The four lists of one member's digest at `at`. */
async function digestOf(q: OrgScope, userId: string, seesAll: boolean, at: Date) {
  const org = await q.trx.selectFrom("orgs").select(["slug", "time_zone", "rotting_days"]).where("id", "=", q.orgId)
    .executeTakeFirstOrThrow();
  const todayStart = startOfDay(at, org.time_zone);
  const todayEnd = endOfDay(at, org.time_zone);
  const yesterdayStart = startOfDay(new Date(todayStart.getTime() - 1), org.time_zone);
  const tasks = (await q.selectFrom("activities").select(["subject", "due_at"])
    .where("type", "=", "task").where("owner_id", "=", userId).where("done_at", "is", null)
    .where("deleted_at", "is", null).where("due_at", "<", todayEnd)
    .orderBy("due_at").limit(50).execute()).map((t) => ({ ...t, overdue: t.due_at! < todayStart }));
  const tasksLink = orgPath(org.slug, "tasks");
  const task = (t: { subject: string }): DigestItem => ({ title: t.subject, link: tasksLink });
  const deal = (d: { id: string; title: string }): DigestItem => ({
    title: d.title,
    link: orgPath(org.slug, "deals", d.id),
  });
  const rotting = org.rotting_days > 0
    ? await q.selectFrom("deals").select(["id", "title"])
      .where("owner_id", "=", userId).where("status", "=", "open").where("deleted_at", "is", null)
      .where("stage_entered_at", "<", sql<Date>`${at}::timestamptz - make_interval(days => ${org.rotting_days})`)
      .orderBy("stage_entered_at").limit(20).execute()
    : [];
  let wins = q.selectFrom("deals").select(["id", "title"])
    .where("status", "=", "won").where("deleted_at", "is", null)
    .where("closed_at", ">=", yesterdayStart).where("closed_at", "<", todayStart);
  if (!seesAll) wins = wins.where("owner_id", "=", userId);
  return {
    dueToday: tasks.filter((t) => !t.overdue).map(task),
    overdue: tasks.filter((t) => t.overdue).map(task),
    rotting: rotting.map(deal),
    wins: (await wins.orderBy("closed_at").limit(20).execute()).map(deal),
  };
}

const section = (heading: string, items: DigestItem[]) =>
  items.length ? `${heading}\n${items.map((i) => `- ${i.title}: ${appUrl(i.link)}`).join("\n")}\n\n` : "";

/** Sends one member's digest for `day` unless it went out already, they turned it off, left, or it is empty. */
export async function sendDigest(q: OrgScope, userId: string, day: string, at: Date): Promise<boolean> {
  const member = await q.selectFrom("memberships").innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.email", "users.name", "memberships.role"]).where("memberships.user_id", "=", userId)
    .executeTakeFirst();
  if (!member || (await preferencesOf(q, userId, member.role)).digest === "off") return false;
  const first = await q.insertInto("notification_digests", { user_id: userId, day })
    .onConflict((oc) => oc.doNothing()).returning("day").executeTakeFirst();
  if (!first) return false;
  const d = await digestOf(q, userId, member.role !== "MEMBER", at);
  const body = section("Tasks due today", d.dueToday) + section("Overdue tasks", d.overdue) +
    section("Deals rotting in their stage", d.rotting) + section("Won yesterday", d.wins);
  if (!body) return false;
  const text = `Good morning ${member.name},\n\nYour day in NexaCRM (${day}):\n\n${body.trimEnd()}`;
  const subject = `Your day: ${d.dueToday.length} due today, ${d.overdue.length} overdue`;
  await queueEmail(
    q,
    await notificationEmail(q, { to: member.email, recipientId: userId, type: "digest", subject, text }),
  );
  return true;
}

const DigestJob = z.object({ userId: z.uuid(), day: z.iso.date(), at: z.iso.datetime() });

defineJob("notifications.digest", DigestJob, async ({ userId, day, at }, job) => {
  await withOrg({ orgId: job.orgId! }, (q) => sendDigest(q, userId, day, new Date(at)));
}, { label: "Daily digest" });
defineJob("notifications.digest.tick", z.object({}), () => enqueueDigests(), { label: "Daily digests at 8:00" });
defineRecurring({ kind: "notifications.digest.tick", everyMinutes: TICK_MINUTES });
