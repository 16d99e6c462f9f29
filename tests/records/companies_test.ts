import assert from "node:assert/strict";
import { testApp } from "../helpers/app.ts";
import { form, orgWithOwner } from "../helpers/accounts.ts";

Deno.test("companies: create, list with filters, edit with history, delete and restore", async () => {
  const app = await testApp();
  try {
    const { client, org, user } = await orgWithOwner(app);
    const base = `/app/${org.slug}/companies`;

    const blank = await client.fetch(`${base}/new`, form({ name: " ", domain: "not a domain", owner_id: "x" }));
    assert.equal(blank.status, 422);
    const blankHtml = await blank.text();
    assert.match(blankHtml, /Required/);
    assert.match(blankHtml, /Enter a domain like acme.com/);
    assert.match(blankHtml, /Choose a member/);

    const created = await client.fetch(
      `${base}/new`,
      form({
        name: "Acme Rockets",
        domain: "https://www.ACME.com/about",
        industry: "",
        phone: "",
        city: "Paris",
        owner_id: user.id,
      }),
    );
    assert.equal(created.status, 303);
    const path = created.headers.get("location")!;
    assert.match(path, new RegExp(`^${base}/[0-9a-f-]{36}$`));

    const page = await (await client.fetch(path)).text();
    assert.match(page, /Acme Rockets/);
    assert.match(page, /acme\.com/);
    assert.match(page, /created this company/);

    const list = await (await client.fetch(`${base}?q=acm`)).text();
    assert.match(list, /Acme Rockets/);
    assert.match(list, /Showing 1 of 1 company</);
    const none = await (await client.fetch(`${base}?q=zzz&owner=none&sort=nonsense&after=garbage`)).text();
    assert.match(none, /No companies match/);

    const edited = await client.fetch(
      `${path}/edit`,
      form({ name: "Acme Rocket Co", domain: "acme.com", city: "Lyon", owner_id: "" }),
    );
    assert.equal(edited.status, 303);
    const after = await (await client.fetch(path)).text();
    assert.match(after, /edited this company/);
    assert.match(after, /Acme Rockets.*→.*Acme Rocket Co/s);
    assert.match(after, /changed the owner/);

    const deleted = await client.fetch(`${path}/delete`, form({}));
    assert.equal(deleted.status, 303);
    assert.match(deleted.headers.get("location")!, /\?deleted=/);
    assert.equal((await client.fetch(path)).status, 404);
    assert.doesNotMatch(await (await client.fetch(base)).text(), /Acme Rocket Co/);
    assert.match(await (await client.fetch(`${base}/deleted`)).text(), /Acme Rocket Co/);

    const restored = await client.fetch(`${path}/restore`, form({}));
    assert.equal(restored.status, 303);
    assert.equal((await client.fetch(path)).status, 200);
    assert.equal((await client.fetch(`${base}/not-a-uuid`)).status, 404);
  } finally {
    await app.close();
  }
});
