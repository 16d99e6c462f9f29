import assert from "node:assert/strict";
import { userOrgs } from "@/lib/auth/guard.ts";
import { services } from "@/lib/data/services.ts";
import { removeMember } from "@/lib/tenancy/members.ts";
import { withOrg } from "@/lib/data/scope.ts";
import { testApp } from "../helpers/app.ts";
import { form, orgWithOwner, signedInUser } from "../helpers/accounts.ts";
import { emailsTo, freshEmail, freshIp, linkIn } from "../helpers/auth.ts";

const PASSWORD = "a long enough passphrase";

async function auditActions(orgId: string) {
  return (await withOrg({ orgId }, (q) => q.selectFrom("audit_log").select("action").orderBy("id").execute()))
    .map((r) => r.action);
}

Deno.test("orgs: the picker lists the user's orgs; settings change name, slug and rules, audited", async () => {
  const app = await testApp();
  try {
    const acme = await orgWithOwner(app, "Acme");
    const picker = await (await acme.client.fetch("/app")).text();
    assert.match(picker, /href="\/app\/acme"/);

    const taken = await orgWithOwner(app, "Taken");
    const clash = await acme.client.fetch(
      "/app/acme/settings",
      form({ name: "Acme", slug: taken.org.slug, visibility: "all", rotting_days: "14" }),
    );
    assert.equal(clash.status, 422);
    assert.match(await clash.text(), /This address is taken/);

    const saved = await acme.client.fetch(
      "/app/acme/settings",
      form({ name: "Acme Europe", slug: "acme-eu", visibility: "own", rotting_days: "21" }),
    );
    assert.equal(saved.status, 303);
    assert.equal(saved.headers.get("location"), "/app/acme-eu/settings?notice=saved");
    assert.equal((await acme.client.fetch("/app/acme")).status, 404);
    const page = await (await acme.client.fetch("/app/acme-eu/settings")).text();
    assert.match(page, /value="Acme Europe"/);
    assert.deepEqual(await auditActions(acme.org.id), ["org.settings_changed"]);

    const member = await acme.addMember("MEMBER");
    const denied = await member.client.fetch(
      "/app/acme-eu/settings",
      form({ name: "Mine", slug: "mine", visibility: "all", rotting_days: "3" }),
    );
    assert.equal(denied.status, 403);
    await denied.body?.cancel();
  } finally {
    await app.close();
  }
});

Deno.test("orgs: only the owner deletes, after typing the name; ownership can be transferred", async () => {
  const app = await testApp();
  try {
    const acme = await orgWithOwner(app, "Acme");
    const admin = await acme.addMember("ADMIN", "Adam Admin");
    const byAdmin = await admin.client.fetch("/app/acme/settings/delete", form({ confirm: "Acme" }));
    assert.equal(byAdmin.status, 403);
    await byAdmin.body?.cancel();
    const wrongName = await acme.client.fetch("/app/acme/settings/delete", form({ confirm: "acme" }));
    assert.equal(wrongName.status, 422);
    await wrongName.body?.cancel();

    const transfer = await acme.client.fetch("/app/acme/settings/transfer", form({ user_id: admin.user.id }));
    assert.equal(transfer.status, 303);
    assert.deepEqual((await userOrgs(admin.user.id)).map((o) => o.role), ["OWNER"]);
    assert.deepEqual((await userOrgs(acme.user.id)).map((o) => o.role), ["ADMIN"]);
    const formerOwner = await acme.client.fetch("/app/acme/settings/delete", form({ confirm: "Acme" }));
    assert.equal(formerOwner.status, 403);
    await formerOwner.body?.cancel();

    const deleted = await admin.client.fetch("/app/acme/settings/delete", form({ confirm: "Acme" }));
    assert.equal(deleted.status, 303);
    assert.equal(deleted.headers.get("location"), "/app?notice=deleted");
    assert.equal(
      await services().db.selectFrom("orgs").select("id").where("id", "=", acme.org.id).executeTakeFirst(),
      undefined,
    );
    assert.deepEqual(await userOrgs(admin.user.id), []);
  } finally {
    await app.close();
  }
});

Deno.test("invitations: an admin invites; the invitee signs up on the way and lands in that org only", async () => {
  const app = await testApp();
  try {
    const acme = await orgWithOwner(app, "Acme");
    const other = await orgWithOwner(app, "Other Org");
    const admin = await acme.addMember("ADMIN");
    const email = freshEmail("invitee");

    const ownerInvite = await admin.client.fetch("/app/acme/settings/members", form({ email, role: "OWNER" }));
    assert.equal(ownerInvite.status, 403);
    await ownerInvite.body?.cancel();
    const sent = await admin.client.fetch("/app/acme/settings/members", form({ email, role: "ADMIN" }));
    assert.equal(sent.status, 303);
    const link = await linkIn(email);
    assert.match(link, /^\/invite\/acme\//);
    const listed = await (await admin.client.fetch("/app/acme/settings/members")).text();
    assert.ok(listed.includes(email));

    const invitee = app.client();
    const page = await invitee.fetch(link);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /Join Acme/);
    const joined = await invitee.fetch(link, {
      ...form({ intent: "signup", name: "Ivy", password: PASSWORD }),
      remoteAddr: freshIp(),
    });
    assert.equal(joined.status, 303);
    assert.equal(joined.headers.get("location"), "/app/acme");
    const home = await invitee.fetch("/app");
    const orgs = await home.text();
    assert.match(orgs, /Acme/);
    assert.doesNotMatch(orgs, /Other Org/);
    assert.equal((await invitee.fetch(`/app/${other.org.slug}`)).status, 404);
    const user = await services().db.selectFrom("users").select(["id", "email_verified_at"]).where("email", "=", email)
      .executeTakeFirstOrThrow();
    assert.ok(user.email_verified_at);
    assert.deepEqual((await userOrgs(user.id)).map((o) => [o.slug, o.role]), [["acme", "ADMIN"]]);

    // Single use.
    const reused = await app.client().fetch(link);
    assert.equal(reused.status, 404);
    await reused.body?.cancel();
    assert.deepEqual(await auditActions(acme.org.id), ["invitation.created", "member.joined"]);
  } finally {
    await app.close();
  }
});

Deno.test("invitations: a signed-in user accepts; revoked and expired links stop working", async () => {
  const app = await testApp();
  try {
    const acme = await orgWithOwner(app, "Acme");
    const existing = await signedInUser(app, "Existing");
    await acme.client.fetch("/app/acme/settings/members", form({ email: existing.user.email, role: "MEMBER" }));
    const link = await linkIn(existing.user.email);
    const accepted = await existing.client.fetch(link, { ...form({ intent: "accept" }), remoteAddr: freshIp() });
    assert.equal(accepted.status, 303);
    assert.equal((await existing.client.fetch("/app/acme")).status, 200);
    const again = await acme.client.fetch(
      "/app/acme/settings/members",
      form({ email: existing.user.email, role: "MEMBER" }),
    );
    assert.match(await again.text(), /already a member/);

    const email = freshEmail();
    await acme.client.fetch("/app/acme/settings/members", form({ email, role: "MEMBER" }));
    const revokeLink = await linkIn(email);
    const members = await (await acme.client.fetch("/app/acme/settings/members")).text();
    const id = members.match(/action="\/app\/acme\/settings\/members\/invitations\/([^"]+)"/)![1];
    assert.equal((await acme.client.fetch(`/app/acme/settings/members/invitations/${id}`, form({}))).status, 303);
    assert.equal((await app.client().fetch(revokeLink)).status, 404);

    const late = freshEmail();
    await acme.client.fetch("/app/acme/settings/members", form({ email: late, role: "MEMBER" }));
    await withOrg(
      { orgId: acme.org.id },
      (q) =>
        q.updateTable("invitations").set({ expires_at: new Date(Date.now() - 1000) }).where("email", "=", late)
          .execute(),
    );
    assert.equal((await app.client().fetch(await linkIn(late))).status, 404);
    assert.equal((await emailsTo(late)).length, 1);
  } finally {
    await app.close();
  }
});

Deno.test("roles: only owners grant OWNER; the last owner can neither be demoted nor leave", async () => {
  const app = await testApp();
  try {
    const acme = await orgWithOwner(app, "Acme");
    const admin = await acme.addMember("ADMIN");
    const member = await acme.addMember("MEMBER");
    const path = (id: string) => `/app/acme/settings/members/${id}`;

    const byMember = await member.client.fetch(path(admin.user.id), form({ intent: "role", role: "MEMBER" }));
    assert.equal(byMember.status, 403);
    await byMember.body?.cancel();
    const adminGrantsOwner = await admin.client.fetch(path(member.user.id), form({ intent: "role", role: "OWNER" }));
    assert.equal(adminGrantsOwner.status, 403);
    await adminGrantsOwner.body?.cancel();
    const adminDemotesOwner = await admin.client.fetch(path(acme.user.id), form({ intent: "role", role: "ADMIN" }));
    assert.equal(adminDemotesOwner.status, 403);
    await adminDemotesOwner.body?.cancel();
    assert.equal(
      (await admin.client.fetch(path(member.user.id), form({ intent: "role", role: "ADMIN" }))).status,
      303,
    );

    // The owner demoting themselves through another owner's hands: not while they are the only one.
    const leave = await acme.client.fetch("/app/acme/settings/members/leave", form({ reassign_to: "" }));
    assert.equal(leave.status, 422);
    assert.match(await leave.text(), /last owner/);
    await assert.rejects(
      () => withOrg({ orgId: acme.org.id }, (q) => removeMember(q, acme.user.id, null)),
      /last owner/,
    );
    assert.equal((await acme.client.fetch(path(admin.user.id), form({ intent: "role", role: "OWNER" }))).status, 303);
    assert.equal((await admin.client.fetch(path(acme.user.id), form({ intent: "role", role: "MEMBER" }))).status, 303);
    assert.deepEqual((await userOrgs(acme.user.id)).map((o) => o.role), ["MEMBER"]);
    const lastOwner = await admin.client.fetch("/app/acme/settings/members/leave", form({ reassign_to: "" }));
    assert.equal(lastOwner.status, 422);
    await lastOwner.body?.cancel();
  } finally {
    await app.close();
  }
});

Deno.test("removing a member keeps their records, reassigned to a colleague; the audit log shows it to admins", async () => {
  const app = await testApp();
  try {
    const acme = await orgWithOwner(app, "Acme");
    const rep = await acme.addMember("MEMBER", "Rep");
    const colleague = await acme.addMember("MEMBER", "Colleague");
    await withOrg({ orgId: acme.org.id }, async (q) => {
      const company = await q.insertInto("companies", { name: "Globex", owner_id: rep.user.id }).returning("id")
        .executeTakeFirstOrThrow();
      await q.insertInto("contacts", { first_name: "Hank", owner_id: rep.user.id, company_id: company.id }).execute();
      await q.insertInto("leads", { name: "Lead", owner_id: rep.user.id }).execute();
    });
    const invalid = await acme.client.fetch(
      `/app/acme/settings/members/${rep.user.id}`,
      form({ intent: "remove", reassign_to: rep.user.id }),
    );
    assert.equal(invalid.status, 422);
    await invalid.body?.cancel();
    const removed = await acme.client.fetch(
      `/app/acme/settings/members/${rep.user.id}`,
      form({ intent: "remove", reassign_to: colleague.user.id }),
    );
    assert.equal(removed.status, 303);
    assert.equal((await rep.client.fetch("/app/acme")).status, 404);
    const owners = await withOrg({ orgId: acme.org.id }, async (q) => [
      ...await q.selectFrom("companies").select("owner_id").execute(),
      ...await q.selectFrom("contacts").select("owner_id").execute(),
      ...await q.selectFrom("leads").select("owner_id").execute(),
    ]);
    assert.deepEqual(owners.map((o) => o.owner_id), [colleague.user.id, colleague.user.id, colleague.user.id]);

    const audit = await acme.client.fetch("/app/acme/settings/audit");
    assert.equal(audit.status, 200);
    const html = await audit.text();
    assert.match(html, /Removed a member/);
    assert.ok(html.includes(rep.user.email));
    const byMember = await colleague.client.fetch("/app/acme/settings/audit");
    assert.equal(byMember.status, 403);
    await byMember.body?.cancel();
  } finally {
    await app.close();
  }
});

Deno.test("audit log: sign-ins and failed sign-ins of members, paged by keyset", async () => {
  const app = await testApp();
  try {
    const acme = await orgWithOwner(app, "Acme");
    const ip = freshIp();
    for (let i = 0; i < 3; i++) {
      await (await app.client().fetch("/login", {
        ...form({ email: acme.user.email, password: "wrong password" }),
        remoteAddr: ip,
      }))
        .body?.cancel();
    }
    await (await app.client().fetch("/login", {
      ...form({ email: acme.user.email, password: "correct horse battery" }),
      remoteAddr: ip,
    })).body?.cancel();
    for (let i = 0; i < 60; i++) {
      await acme.client.fetch(
        "/app/acme/settings",
        form({ name: `Acme ${i}`, slug: "acme", visibility: "all", rotting_days: "14" }),
      );
    }
    const first = await (await acme.client.fetch("/app/acme/settings/audit")).text();
    assert.match(first, /Changed settings/);
    const next = first.match(/name="before" value="([^"]+)"/)![1];
    const second = await (await acme.client.fetch(`/app/acme/settings/audit?before=${next}`)).text();
    assert.match(second, /Failed sign-in/);
    assert.match(second, /Signed in/);
    assert.ok(second.includes(ip));
    assert.doesNotMatch(second, /name="before"/);
    assert.equal((await acme.client.fetch("/app/acme/settings/audit?before=garbage")).status, 200);
  } finally {
    await app.close();
  }
});
