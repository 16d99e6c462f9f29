/**
 * The bell's endpoints (count with ETag/304, latest), the inbox (keyset pages, unread filter, mark one / all
 * read, only one's own), the preferences page, and the one-click unsubscribe (RFC 8058) with its signed token.
 */
import assert from "node:assert/strict";
import { withOrg } from "@/lib/data/scope.ts";
import { notify } from "@/lib/notifications/notify.ts";
import { TYPE_IDS } from "@/lib/notifications/types.ts";
import { testApp } from "../helpers/app.ts";
import { form } from "../helpers/accounts.ts";
import { postGarbage } from "../helpers/garbage.ts";
import { emailsTo, notificationsOf, team } from "../helpers/notifications.ts";

Deno.test("the count endpoint answers 304 while nothing changed, and the inbox pages and filters unread", async () => {
  const app = await testApp();
  try {
    const t = await team(app);
    const base = `/app/${t.org.slug}/notifications`;
    const count = `/notifications/count/${t.org.slug}`;
    const first = await t.rep.client.fetch(count);
    assert.deepEqual(await first.json(), { count: 0, newest: null });
    const etag = first.headers.get("etag")!;
    assert.equal((await app.fetch(count)).status, 303, "no session: to the login page");
    const outsider = await team(app, "Other Co");
    assert.equal((await outsider.rep.client.fetch(count)).status, 404, "not a member: not found");
    const quiet = await t.rep.client.fetch(count, { headers: { "if-none-match": etag } });
    assert.equal(quiet.status, 304);
    assert.equal(await quiet.text(), "");

    await withOrg({ orgId: t.org.id }, async (q) => {
      for (let i = 1; i <= 30; i++) {
        await notify(q, {
          recipientId: t.rep.user.id,
          type: "invitation_accepted",
          actorId: t.admin.user.id,
          title: `Note ${i}`,
          link: i === 30 ? `/app/${t.org.slug}/deals` : null,
          key: `n${i}`,
        });
      }
    });
    const changed = await t.rep.client.fetch(count, { headers: { "if-none-match": etag } });
    assert.equal(changed.status, 200);
    assert.equal((await changed.json()).count, 30);
    assert.equal((await (await t.admin.client.fetch(count)).json()).count, 0, "only the recipient's");

    const latest = await (await t.rep.client.fetch(`${base}/latest`)).json();
    assert.equal(latest.items.length, 8);
    assert.equal(latest.items[0].title, "Note 30");
    assert.equal(latest.items[0].actor, "Ada Admin");
    assert.equal(latest.items[0].link, `/app/${t.org.slug}/deals`);

    const page1 = await (await t.rep.client.fetch(base)).text();
    assert.match(page1, /Note 30/);
    assert.match(page1, /Note 6\b/);
    assert.doesNotMatch(page1, /Note 5\b/);
    const older = page1.match(/href="([^"]+before=[^"]+)"/)![1].replaceAll("&amp;", "&");
    const page2 = await (await t.rep.client.fetch(older)).text();
    assert.match(page2, /Note 5\b/);
    assert.doesNotMatch(page2, /Note 6\b/);

    const all = await notificationsOf(t.org.id, t.rep);
    const note30 = all.find((n) => n.title === "Note 30")!;
    // Another user cannot mark the rep's notification read.
    await t.admin.client.fetch(`${base}/read`, form({ id: note30.id }));
    assert.equal((await notificationsOf(t.org.id, t.rep)).find((n) => n.id === note30.id)!.read_at, null);
    const read = await t.rep.client.fetch(`${base}/read`, form({ id: note30.id, back: `${base}?unread=1` }));
    assert.equal(read.status, 303);
    assert.equal(read.headers.get("location"), `${base}?unread=1`);
    const unread = await (await t.rep.client.fetch(`${base}?unread=1`)).text();
    assert.doesNotMatch(unread, /Note 30/);
    assert.match(unread, /Note 29/);
    const offsite = await t.rep.client.fetch(`${base}/read`, form({ back: "//evil.example/" }));
    assert.equal(offsite.headers.get("location"), base, "mark all read, and never back off-site");
    assert.equal((await (await t.rep.client.fetch(count)).json()).count, 0);
    assert.match(await (await t.rep.client.fetch(`${base}?unread=1`)).text(), /No unread notifications/);
    const bad = await t.rep.client.fetch(`${base}/read`, form({ id: "not-an-id" }));
    assert.equal(bad.status, 422);
  } finally {
    await app.close();
  }
});

Deno.test("preferences: the page shows defaults by role and saves choices; bad values are refused", async () => {
  const app = await testApp();
  try {
    const t = await team(app);
    const path = `/app/${t.org.slug}/notifications/preferences`;
    const page = await (await t.rep.client.fetch(path)).text();
    assert.match(page, /billing emails to owners \(payment failed, trial ending\) always go out/);
    assert.match(page, /<option value="both" selected>In the app and by email<\/option>/);
    const bad = await t.rep.client.fetch(path, form({ assigned: "carrier pigeon", digest: "in_app" }));
    assert.equal(bad.status, 422);
    assert.match(await bad.text(), /Choose one of the options/);
    const saved = await t.rep.client.fetch(path, form({ assigned: "in_app", digest: "off" }));
    assert.equal(saved.status, 303);
    const after = await (await t.rep.client.fetch(`${path}?saved=1`)).text();
    assert.match(after, /Preferences saved/);
    assert.match(after, /<option value="in_app" selected>/);
    assert.match(after, /<option value="off" selected>Off<\/option>/);
  } finally {
    await app.close();
  }
});

Deno.test("one-click unsubscribe: a mail client's POST turns that type's emails off; forged tokens are refused", async () => {
  const app = await testApp();
  try {
    const t = await team(app);
    await t.deal(t.admin, t.rep, "First");
    const [email] = await emailsTo(t.rep);
    const url = email.headers["List-Unsubscribe"].slice(1, -1).replace("http://localhost:8000", "");
    const token = new URL(url, "http://x").searchParams.get("token")!;

    const asked = await app.fetch(url);
    assert.equal(asked.status, 200, "GET only asks (link scanners follow links)");
    assert.match(await asked.text(), /Unsubscribe/);
    const forged = token.replace(/\.[^.]+$/, ".AAAA");
    const refused = await app.fetch(`/notifications/unsubscribe?token=${encodeURIComponent(forged)}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    assert.equal(refused.status, 400);
    const otherType = token.replace(".assigned.", ".mention.");
    const swapped = await app.fetch(`/notifications/unsubscribe?token=${encodeURIComponent(otherType)}`, {
      method: "POST",
      body: "List-Unsubscribe=One-Click",
    });
    assert.equal(swapped.status, 400, "the signature covers the type");

    // As a mail provider sends it: cross-site, no session.
    const done = await app.fetch(url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "sec-fetch-site": "cross-site" },
      body: "List-Unsubscribe=One-Click",
    });
    assert.equal(done.status, 200);
    assert.match(await done.text(), /no longer get these emails from Acme/);

    await t.deal(t.admin, t.rep, "Second");
    assert.equal((await emailsTo(t.rep)).length, 1, "no email for the second assignment");
    assert.equal((await notificationsOf(t.org.id, t.rep)).length, 2, "the bell still rings");
  } finally {
    await app.close();
  }
});

Deno.test("garbage to the notification forms and the unsubscribe route: refusals, never a 500 or an echo", async () => {
  const app = await testApp();
  try {
    const t = await team(app);
    const base = `/app/${t.org.slug}/notifications`;
    const fields = ["id", "back", "token", ...TYPE_IDS];
    const failures: string[] = [];
    for (const path of [`${base}/read`, `${base}/preferences`, "/notifications/unsubscribe"]) {
      failures.push(...await postGarbage(path, fields, (init) => t.rep.client.fetch(path, init)));
    }
    for (const query of ["token=%", `token=${"x".repeat(5000)}`, "token=a.b.c.d", "token=a.b.assigned.%%%"]) {
      const res = await app.fetch(`/notifications/unsubscribe?${query}`, { method: "POST" });
      if (res.status !== 400) failures.push(`unsubscribe ?${query.slice(0, 40)}: ${res.status}`);
    }
    assert.deepEqual(failures, []);
  } finally {
    await app.close();
  }
});
