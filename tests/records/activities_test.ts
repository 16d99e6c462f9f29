import assert from "node:assert/strict";
import { withOrg } from "@/lib/data/scope.ts";
import { testApp } from "../helpers/app.ts";
import { addCompany } from "../helpers/records.ts";
import { form, orgWithOwner } from "../helpers/accounts.ts";

const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString().slice(0, 16);

Deno.test("activities: timeline, tasks list, my day, done and reopen", async () => {
  const app = await testApp();
  try {
    const { client, org, user, addMember } = await orgWithOwner(app);
    const rep = await addMember("MEMBER", "Rita Rep");
    const id = await addCompany(org.id, user.id, "Hooli");
    const path = `/app/${org.slug}/companies/${id}`;

    const noDue = await client.fetch(
      path,
      form({ type: "task", subject: "Send quote", due_at: "", owner_id: user.id }),
    );
    assert.equal(noDue.status, 422);
    assert.match(await noDue.text(), /A task needs a due date/);
    const badType = await client.fetch(path, form({ type: "fax", subject: "x", owner_id: user.id }));
    assert.equal(badType.status, 422);
    assert.match(await badType.text(), /Choose a type/);

    for (
      const a of <Record<string, string>[]> [
        { type: "note", subject: "Met at the fair", body: "Keen on the API", due_at: "", owner_id: user.id },
        { type: "call", subject: "Intro call", due_at: "", owner_id: user.id },
        { type: "task", subject: "Send quote", due_at: inHours(-2), owner_id: user.id },
        { type: "task", subject: "Book demo", due_at: inHours(24 * 3), owner_id: user.id },
        { type: "task", subject: "Chase renewal", due_at: inHours(-1), owner_id: rep.user.id },
      ]
    ) {
      const res = await client.fetch(path, form(a));
      assert.equal(res.status, 303, a.subject);
      assert.equal(res.headers.get("location"), `${path}#timeline`);
    }
    const page = await (await client.fetch(path)).text();
    const order = [
      "Chase renewal",
      "Book demo",
      "Send quote",
      "Intro call",
      "Met at the fair",
      "created this company",
    ]
      .map((s) => page.indexOf(s));
    assert.ok(order.every((i) => i > 0), `all on the timeline: ${order}`);
    assert.deepEqual([...order].sort((a, b) => a - b), order, "newest first");
    assert.match(page, /Keen on the API/);

    const mine = await (await client.fetch(`/app/${org.slug}/tasks`)).text();
    assert.match(mine, /Send quote/);
    assert.match(mine, /Book demo/);
    assert.doesNotMatch(mine, /Chase renewal/);
    const overdue = await (await client.fetch(`/app/${org.slug}/tasks?state=overdue&owner=`)).text();
    assert.match(overdue, /Send quote/);
    assert.match(overdue, /Chase renewal/);
    assert.doesNotMatch(overdue, /Book demo/);

    const home = await (await client.fetch(`/app/${org.slug}`)).text();
    assert.match(home, /Send quote/);
    assert.doesNotMatch(home, /Book demo/);

    const task = await withOrg(
      { orgId: org.id },
      (q) => q.selectFrom("activities").select("id").where("subject", "=", "Send quote").executeTakeFirstOrThrow(),
    );
    const done = await client.fetch(
      `/app/${org.slug}/tasks/${task.id}/done`,
      form({ done: "1", back: `/app/${org.slug}/tasks` }),
    );
    assert.equal(done.status, 303);
    assert.equal(done.headers.get("location"), `/app/${org.slug}/tasks`);
    assert.doesNotMatch(await (await client.fetch(`/app/${org.slug}/tasks`)).text(), /Send quote/);
    assert.match(await (await client.fetch(`/app/${org.slug}/tasks?state=done`)).text(), /Send quote/);
    const evil = await client.fetch(
      `/app/${org.slug}/tasks/${task.id}/done`,
      form({ done: "0", back: "//evil.example" }),
    );
    assert.equal(evil.headers.get("location"), path);
    assert.match(await (await client.fetch(`/app/${org.slug}/tasks`)).text(), /Send quote/);
  } finally {
    await app.close();
  }
});
