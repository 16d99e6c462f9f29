/**
 * The daily digest with an injected clock: 8:00 in each org's zone (across a DST change and a half-hour zone),
 * its four lists in one email, none when empty or turned off, once per day on a retried job.
 */
import assert from "node:assert/strict";
import { withOrg } from "@/lib/data/scope.ts";
import { enqueueDigests } from "@/lib/notifications/digest.ts";
import { setPreferences } from "@/lib/notifications/preferences.ts";
import { testApp } from "../helpers/app.ts";
import { allJobs } from "../helpers/jobs.ts";
import { emailsTo, team } from "../helpers/notifications.ts";
import { jobDefinition } from "@/lib/jobs/registry.ts";

const at = (iso: string) => new Date(iso);

async function digestJobs(orgId: string) {
  return (await allJobs()).filter((j) => j.kind === "notifications.digest" && j.org_id === orgId);
}

Deno.test("digests are enqueued at 8:00 local time, before and after a DST change, and in a half-hour zone", async () => {
  const app = await testApp();
  try {
    const ny = await team(app, "New York Co");
    const india = await team(app, "Mumbai Co");
    await withOrg(
      { orgId: ny.org.id },
      (q) => q.trx.updateTable("orgs").set({ time_zone: "America/New_York" }).where("id", "=", ny.org.id).execute(),
    );
    await withOrg(
      { orgId: india.org.id },
      (q) => q.trx.updateTable("orgs").set({ time_zone: "Asia/Kolkata" }).where("id", "=", india.org.id).execute(),
    );

    // 7 March 2026 is EST (UTC-5): 8:00 is 13:00 UTC. 8 March is EDT (UTC-4) from 2:00: 8:00 is 12:00 UTC.
    await enqueueDigests(at("2026-03-07T12:00:00Z"));
    assert.equal((await digestJobs(ny.org.id)).length, 0, "7:00 in New York");
    await enqueueDigests(at("2026-03-07T13:05:00Z"));
    assert.deepEqual((await digestJobs(ny.org.id)).map((j) => j.key?.split(":")[2]), Array(3).fill("2026-03-07"));
    await enqueueDigests(at("2026-03-07T13:10:00Z"));
    assert.equal((await digestJobs(ny.org.id)).length, 3, "a second tick the same morning adds nothing");
    await enqueueDigests(at("2026-03-08T13:00:00Z"));
    assert.equal((await digestJobs(ny.org.id)).length, 3, "9:00 in New York after the change");
    await enqueueDigests(at("2026-03-08T12:00:00Z"));
    const days = (await digestJobs(ny.org.id)).map((j) => j.key?.split(":")[2]);
    assert.deepEqual(days.filter((d) => d === "2026-03-08").length, 3, "8:00 EDT");
    assert.equal((await digestJobs(india.org.id)).length, 0);
    await enqueueDigests(at("2026-03-09T02:30:00Z"));
    assert.equal((await digestJobs(india.org.id)).length, 3, "8:00 in Kolkata is 02:30 UTC");
  } finally {
    await app.close();
  }
});

Deno.test("a digest lists tasks due today, overdue tasks, rotting deals and yesterday's wins; none when empty or off", async () => {
  const app = await testApp();
  try {
    const t = await team(app);
    const now = at("2026-06-10T08:05:00Z"); // UTC org: 8:05 on 10 June
    const rotting = await t.deal(t.admin, t.rep, "Stale deal");
    const won = await t.deal(t.rep, t.rep, "Won deal");
    await withOrg({ orgId: t.org.id }, async (q) => {
      await q.updateTable("deals").set({ stage_entered_at: at("2026-05-01T00:00:00Z") }).where("id", "=", rotting)
        .execute();
      await q.updateTable("deals").set({ status: "won", closed_at: at("2026-06-09T15:00:00Z") }).where("id", "=", won)
        .execute();
      const task = (subject: string, due: string) => ({
        type: "task" as const,
        subject,
        record_type: "deal" as const,
        record_id: rotting,
        owner_id: t.rep.user.id,
        due_at: at(due),
      });
      await q.insertInto("activities", [
        task("Call back today", "2026-06-10T15:00:00Z"),
        task("Late quote", "2026-06-08T09:00:00Z"),
        task("Next week", "2026-06-17T09:00:00Z"),
      ]).execute();
    });
    await t.as(t.admin, (q) => setPreferences(q, t.admin.user.id, { digest: "off" }));
    await enqueueDigests(now);
    const jobs = await digestJobs(t.org.id);
    assert.equal(jobs.length, 3);
    const repMails = (await emailsTo(t.rep)).filter((e) => e.subject.startsWith("Your day"));
    assert.equal(repMails.length, 1);
    const text = repMails[0].text_body;
    assert.equal(repMails[0].subject, "Your day: 1 due today, 1 overdue");
    assert.match(text, /Tasks due today\n- Call back today: /);
    assert.match(text, /Overdue tasks\n- Late quote: /);
    assert.match(
      text,
      new RegExp(
        `Deals rotting in their stage\\n- Stale deal: http://localhost:8000/app/${t.org.slug}/deals/${rotting}`,
      ),
    );
    assert.match(text, /Won yesterday\n- Won deal: /);
    assert.doesNotMatch(text, /Next week/);
    assert.match(repMails[0].headers["List-Unsubscribe"], /unsubscribe\?token=.*digest/);
    const ownerMails = (await emailsTo(t)).filter((e) => e.subject.startsWith("Your day"));
    assert.equal(ownerMails.length, 1, "the owner sees the org's win");
    assert.doesNotMatch(ownerMails[0].text_body, /Stale deal|Late quote/, "the rep's deals and tasks are the rep's");
    assert.equal((await emailsTo(t.admin)).filter((e) => e.subject.startsWith("Your day")).length, 0, "turned off");

    // A retry of the rep's job sends nothing more; an empty day sends nothing at all.
    const repJob = jobs.find((j) => j.payload.userId === t.rep.user.id)!;
    await jobDefinition("notifications.digest")!.run(repJob.payload, { id: repJob.id, orgId: t.org.id, attempt: 2 });
    assert.equal((await emailsTo(t.rep)).filter((e) => e.subject.startsWith("Your day")).length, 1);
    await withOrg({ orgId: t.org.id }, (q) => q.updateTable("activities").set({ done_at: now }).execute());
    await withOrg({ orgId: t.org.id }, (q) => q.updateTable("deals").set({ stage_entered_at: now }).execute());
    await enqueueDigests(at("2026-06-12T08:00:00Z"));
    assert.equal((await emailsTo(t.rep)).filter((e) => e.subject.startsWith("Your day")).length, 1, "empty: no email");
  } finally {
    await app.close();
  }
});
