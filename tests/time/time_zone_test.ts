/**
 * The org's time zone: set at creation from the browser's (else UTC), validated and edited in org
 * settings; a task's due time is entered and shown in it and stored in UTC; "today" is the org's day.
 */
import assert from "node:assert/strict";
import { withOrg } from "@/lib/data/scope.ts";
import { endOfDay, fromWallClock } from "@/lib/time/zones.ts";
import { testApp } from "../helpers/app.ts";
import { addCompany } from "../helpers/records.ts";
import { form, orgWithOwner, signedInUser } from "../helpers/accounts.ts";

const zoneOf = (orgId: string) =>
  withOrg(
    { orgId },
    (q) => q.trx.selectFrom("orgs").select("time_zone").where("id", "=", orgId).executeTakeFirstOrThrow(),
  ).then((r) => r.time_zone);

Deno.test("wall-clock times in a zone: offsets, daylight saving, the org's day", () => {
  assert.equal(fromWallClock("2026-07-01T14:00", "Europe/Paris").toISOString(), "2026-07-01T12:00:00.000Z");
  assert.equal(fromWallClock("2026-01-01T14:00", "Europe/Paris").toISOString(), "2026-01-01T13:00:00.000Z");
  assert.equal(fromWallClock("2026-07-01T14:00", "Asia/Kolkata").toISOString(), "2026-07-01T08:30:00.000Z");
  assert.equal(fromWallClock("2026-07-01T14:00", "UTC").toISOString(), "2026-07-01T14:00:00.000Z");
  // 02:30 does not exist in Paris on the spring change: it is read as 03:30 summer time.
  assert.equal(fromWallClock("2026-03-29T02:30", "Europe/Paris").toISOString(), "2026-03-29T01:30:00.000Z");
  // Back again, through Intl's own formatting: every hour of a year in Paris reads as the instant it was.
  const paris = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Paris", dateStyle: "short", timeStyle: "short" });
  for (let at = Date.UTC(2026, 0, 1); at < Date.UTC(2027, 0, 1); at += 3_600_000) {
    const wall = paris.format(at).replace(" ", "T");
    // The hour repeated when clocks go back reads as its second occurrence.
    if (wall.startsWith("2026-10-25T02:")) continue;
    assert.equal(fromWallClock(wall, "Europe/Paris").getTime(), at, wall);
  }
  // 23:30 UTC on 1 July is already 2 July in Paris: its day ends at midnight Paris time on the 3rd.
  assert.equal(endOfDay(new Date("2026-07-01T23:30:00Z"), "Europe/Paris").toISOString(), "2026-07-02T22:00:00.000Z");
  assert.equal(endOfDay(new Date("2026-07-01T23:30:00Z"), "UTC").toISOString(), "2026-07-02T00:00:00.000Z");
});

Deno.test("org time zone: from the browser at creation, else UTC; edited and validated in settings", async () => {
  const app = await testApp();
  try {
    const { client } = await signedInUser(app, "Zed Zone");
    const withZone = await client.fetch("/app", form({ name: "Paris Co", time_zone: "Europe/Paris" }));
    assert.equal(withZone.status, 303);
    const noZone = await client.fetch("/app", form({ name: "Plain Co" }));
    assert.equal(noZone.status, 303);
    const badZone = await client.fetch("/app", form({ name: "Mars Co", time_zone: "Mars/Olympus_Mons" }));
    assert.equal(badZone.status, 303);
    const pages = await Promise.all(
      ["paris-co", "plain-co", "mars-co"].map((slug) => client.fetch(`/app/${slug}/settings`).then((r) => r.text())),
    );
    const selected = (html: string) => html.match(/<option value="([^"]+)" selected/g)?.join() ?? "";
    assert.match(selected(pages[0]), /Europe\/Paris/);
    assert.match(selected(pages[1]), /"UTC"/);
    assert.match(selected(pages[2]), /"UTC"/);
  } finally {
    await app.close();
  }
});

Deno.test("org time zone: settings change it; a task's due time is entered and shown in it, stored in UTC", async () => {
  const app = await testApp();
  try {
    const { client, org, user } = await orgWithOwner(app);
    const settings = (time_zone: string) =>
      client.fetch(
        `/app/${org.slug}/settings`,
        form({ name: org.name, slug: org.slug, visibility: "all", rotting_days: "14", time_zone }),
      );
    const bad = await settings("Mars/Olympus_Mons");
    assert.equal(bad.status, 422);
    assert.match(await bad.text(), /Choose a time zone/);
    assert.equal(await zoneOf(org.id), "UTC");
    // An alias is stored under the name the runtime's list holds, which the settings select shows.
    assert.equal((await settings("Asia/Kolkata")).status, 303);
    const zone = await zoneOf(org.id);
    assert.ok(["Asia/Kolkata", "Asia/Calcutta"].includes(zone), zone);
    assert.match(
      await (await client.fetch(`/app/${org.slug}/settings`)).text(),
      new RegExp(`value="${zone}" selected`),
    );

    const id = await addCompany(org.id, user.id, "Hooli");
    const path = `/app/${org.slug}/companies/${id}`;
    assert.ok((await (await client.fetch(path)).text()).includes(`Due (${zone} time)`));
    const added = await client.fetch(
      path,
      form({ type: "task", subject: "Call back", due_at: "2030-07-01T14:00", owner_id: user.id }),
    );
    assert.equal(added.status, 303);
    const { due_at } = await withOrg(
      { orgId: org.id },
      (q) => q.selectFrom("activities").select("due_at").where("subject", "=", "Call back").executeTakeFirstOrThrow(),
    );
    assert.equal(due_at?.toISOString(), "2030-07-01T08:30:00.000Z");
    assert.ok((await (await client.fetch(path)).text()).includes(`due 1 Jul 2030, 14:00 ${zone}`));
    assert.ok((await (await client.fetch(`/app/${org.slug}/tasks`)).text()).includes(`1 Jul 2030, 14:00 ${zone}`));
  } finally {
    await app.close();
  }
});
