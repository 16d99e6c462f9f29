/**
 * What notifies whom: assignments (records and tasks) by someone else, won deals, mentions of members,
 * accepted invitations; preferences per type; no duplicate on a job's retry; removed members hear nothing.
 */
import assert from "node:assert/strict";
import { addActivity } from "@/lib/records/activities.ts";
import { jobDefinition } from "@/lib/jobs/registry.ts";
import { withOrg } from "@/lib/data/scope.ts";
import { createInvitation } from "@/lib/tenancy/invitations.ts";
import { acceptInvitation } from "@/lib/tenancy/invitations.ts";
import { setPreferences } from "@/lib/notifications/preferences.ts";
import { testApp } from "../helpers/app.ts";
import { signedInUser } from "../helpers/accounts.ts";
import { allJobs } from "../helpers/jobs.ts";
import { emailsTo, notificationsOf, team } from "../helpers/notifications.ts";
import type { AuthContext } from "@/lib/auth/guard.ts";

Deno.test("assignments: a deal given to a rep by an admin rings the rep's bell and emails them; own deals do not", async () => {
  const app = await testApp();
  try {
    const t = await team(app);
    const dealId = await t.deal(t.admin, t.rep, "Acme renewal");
    await t.deal(t.rep, t.rep, "My own deal");
    const [n, ...more] = await notificationsOf(t.org.id, t.rep);
    assert.equal(more.length, 0, "a rep's own deal notifies nobody");
    assert.equal(n.type, "assigned");
    assert.equal(n.title, "Ada Admin assigned you the deal “Acme renewal”");
    assert.equal(n.link, `/app/${t.org.slug}/deals/${dealId}`);
    assert.equal(n.actor_id, t.admin.user.id);
    assert.equal(n.read_at, null);

    const [email] = await emailsTo(t.rep);
    assert.equal(email.subject, "Ada Admin assigned you the deal “Acme renewal”");
    assert.match(email.text_body, new RegExp(`Open it: http://localhost:8000/app/${t.org.slug}/deals/${dealId}`));
    const unsubscribe = email.headers["List-Unsubscribe"];
    assert.match(unsubscribe, /^<http:\/\/localhost:8000\/notifications\/unsubscribe\?token=[^>]+>$/);
    assert.equal(email.headers["List-Unsubscribe-Post"], "List-Unsubscribe=One-Click");
    assert.ok(email.text_body.includes(`Stop these emails: ${unsubscribe.slice(1, -1)}`));

    // Reassigning to the admin by the owner notifies the admin (owner_changed).
    await t.as(t, (q) => q.updateTable("deals").set({ owner_id: t.admin.user.id }).where("id", "=", dealId).execute());
    const { recordChanges } = await import("@/lib/records/history.ts");
    await t.as(t, (q) =>
      recordChanges(q, { actorId: t.user.id, recordType: "deal", recordId: dealId }, {
        owner_id: { from: t.rep.user.id, to: t.admin.user.id },
      }));
    const adminGot = await notificationsOf(t.org.id, t.admin);
    assert.deepEqual(adminGot.map((x) => x.title), ["Olive Owner assigned you the deal “Acme renewal”"]);

    // Handed over by no one (an import, a rule): said so.
    await withOrg(
      { orgId: t.org.id },
      (q) =>
        recordChanges(q, { actorId: null, recordType: "deal", recordId: dealId }, {
          owner_id: { from: t.admin.user.id, to: t.rep.user.id },
        }),
    );
    const repGot = await notificationsOf(t.org.id, t.rep);
    assert.equal(repGot.at(-1)!.title, "The deal “Acme renewal” was assigned to you");
  } finally {
    await app.close();
  }
});

Deno.test("a won deal notifies the org's owners and admins and the deal's owner, not the winner", async () => {
  const app = await testApp();
  try {
    const t = await team(app);
    const dealId = await t.deal(t.rep, t.rep, "Big one");
    await t.won(t.rep, dealId);
    for (const who of [t, t.admin]) {
      const got = await notificationsOf(t.org.id, who);
      assert.deepEqual(got.map((x) => [x.type, x.title]), [["deal_won", "Rita Rep won the deal “Big one”"]]);
      assert.equal(got[0].read_at, null, "owners and admins see wins in the app by default");
    }
    assert.equal((await notificationsOf(t.org.id, t.rep)).length, 0, "the winner is not told");
    assert.equal((await emailsTo(t.admin)).length, 0, "wins are in-app only for admins by default");

    const other = await t.deal(t.admin, t.rep, "Rep's deal");
    await t.won(t.admin, other);
    const repGot = await notificationsOf(t.org.id, t.rep);
    assert.deepEqual(repGot.map((x) => x.type), ["assigned", "deal_won"]);
    assert.equal((await emailsTo(t.rep)).length, 2, "a rep's own deal won is emailed by default");
  } finally {
    await app.close();
  }
});

function authOf(t: Awaited<ReturnType<typeof team>>, who: { user: { id: string; name: string; email: string } }) {
  return {
    user: who.user,
    org: { ...t.org, currency: "USD", visibility: "all", rotting_days: 14, time_zone: "UTC" },
    role: "OWNER",
    team: null,
  } as unknown as AuthContext;
}

Deno.test("mentions resolve to members only; a task for someone else is an assignment", async () => {
  const app = await testApp();
  try {
    const t = await team(app);
    const outsider = await signedInUser(app, "Otto Outsider");
    const dealId = await t.deal(t.rep, t.rep, "Hooli");
    await addActivity(authOf(t, t.rep), "deal", dealId, {
      type: "note",
      subject: "Pricing",
      body: "@Ada Admin can you approve? cc @otto and @Olive",
      due_at: null,
      owner_id: null,
    });
    const adminGot = await notificationsOf(t.org.id, t.admin);
    assert.deepEqual(adminGot.map((x) => x.title), ["Rita Rep mentioned you in a note on the deal “Hooli”"]);
    const ownerGot = await notificationsOf(t.org.id, t);
    assert.deepEqual(ownerGot.map((x) => x.type), ["mention"], "a unique first name resolves too");
    assert.equal((await emailsTo(outsider)).length, 0, "a non-member is never mentioned");
    const [mail] = await emailsTo(t.admin);
    assert.match(mail.text_body, /@Ada Admin can you approve\?/);

    await addActivity(authOf(t, t.admin), "deal", dealId, {
      type: "task",
      subject: "Send the quote",
      body: "",
      due_at: "2030-01-01T09:00",
      owner_id: t.rep.user.id,
    });
    const repGot = await notificationsOf(t.org.id, t.rep);
    assert.deepEqual(repGot.map((x) => x.title), [
      "Ada Admin assigned you the task “Send the quote” on the deal “Hooli”",
    ]);
  } finally {
    await app.close();
  }
});

Deno.test("an accepted invitation notifies whoever sent it", async () => {
  const app = await testApp();
  try {
    const t = await team(app);
    const message = await t.as(
      t.admin,
      (q) =>
        createInvitation(q, { id: t.admin.user.id, name: "Ada Admin", role: "ADMIN", ip: "" }, t.org, {
          email: "newbie@example.test",
          role: "MEMBER",
        }),
    );
    const token = decodeURIComponent(message.text.match(/\/invite\/[^/]+\/(\S+)/)![1]);
    const newbie = await signedInUser(app, "Nina Newbie");
    assert.equal(await acceptInvitation(t.org.slug, token, newbie.user), t.org.slug);
    const got = await notificationsOf(t.org.id, t.admin);
    assert.deepEqual(got.map((x) => [x.type, x.title]), [[
      "invitation_accepted",
      "Nina Newbie accepted your invitation and joined",
    ]]);
  } finally {
    await app.close();
  }
});

Deno.test("preferences: in-app only sends no email, email only rings no bell, off does nothing", async () => {
  const app = await testApp();
  try {
    const t = await team(app);
    await t.as(t.rep, (q) => setPreferences(q, t.rep.user.id, { assigned: "in_app" }));
    await t.deal(t.admin, t.rep, "One");
    assert.equal((await notificationsOf(t.org.id, t.rep)).length, 1);
    assert.equal((await emailsTo(t.rep)).length, 0);

    await t.as(t.rep, (q) => setPreferences(q, t.rep.user.id, { assigned: "email" }));
    await t.deal(t.admin, t.rep, "Two");
    const [, second] = await notificationsOf(t.org.id, t.rep);
    assert.ok(second.read_at, "an email-only notification is kept as read");
    assert.equal((await emailsTo(t.rep)).length, 1);

    await t.as(t.rep, (q) => setPreferences(q, t.rep.user.id, { assigned: "off" }));
    await t.deal(t.admin, t.rep, "Three");
    assert.equal((await notificationsOf(t.org.id, t.rep)).length, 2);
    assert.equal((await emailsTo(t.rep)).length, 1);
  } finally {
    await app.close();
  }
});

Deno.test("a retried notification job notifies and emails once; a removed member is not notified", async () => {
  const app = await testApp();
  try {
    const t = await team(app);
    await t.deal(t.admin, t.rep, "Once");
    const job = (await allJobs()).find((j) => j.kind === "notifications.record")!;
    await notificationsOf(t.org.id, t.rep);
    const definition = jobDefinition("notifications.record")!;
    await definition.run(job.payload, { id: job.id, orgId: t.org.id, attempt: 2 });
    assert.equal((await notificationsOf(t.org.id, t.rep)).length, 1);
    assert.equal((await emailsTo(t.rep)).length, 1);

    await t.deal(t.admin, t.rep, "After leaving");
    await withOrg(
      { orgId: t.org.id },
      (q) => q.deleteFrom("memberships").where("user_id", "=", t.rep.user.id).execute(),
    );
    assert.equal((await notificationsOf(t.org.id, t.rep)).length, 1, "the second assignment reached nobody");
  } finally {
    await app.close();
  }
});
