import assert from "node:assert/strict";
import { withOrg } from "@/lib/data/scope.ts";
import { testApp } from "../helpers/app.ts";
import { form, orgWithOwner } from "../helpers/accounts.ts";

Deno.test("contacts: company by name (reused or created), edit history, filters, delete and restore", async () => {
  const app = await testApp();
  try {
    const { client, org, user } = await orgWithOwner(app);
    const base = `/app/${org.slug}/contacts`;
    const companies = () => withOrg({ orgId: org.id }, (q) => q.selectFrom("companies").select("name").execute());

    const bad = await client.fetch(`${base}/new`, form({ first_name: "", email: "x@", owner_id: crypto.randomUUID() }));
    assert.equal(bad.status, 422);
    const badHtml = await bad.text();
    assert.match(badHtml, /Required/);
    assert.match(badHtml, /Enter a valid email address/);

    // An owner who is not a member is refused by the server even with a well-formed id.
    const stranger = await client.fetch(
      `${base}/new`,
      form({ first_name: "Zed", owner_id: crypto.randomUUID() }),
    );
    assert.equal(stranger.status, 422);
    assert.match(await stranger.text(), /Choose a member of this organisation/);

    const prefilled = await (await client.fetch(`${base}/new?company=Umbrella`)).text();
    assert.match(prefilled, /value="Umbrella"/);

    const created = await client.fetch(
      `${base}/new`,
      form({
        first_name: "Jane",
        last_name: "Doe",
        email: "JANE@umbrella.test",
        company_name: "Umbrella",
        owner_id: user.id,
      }),
    );
    assert.equal(created.status, 303);
    const path = created.headers.get("location")!;
    const second = await client.fetch(
      `${base}/new`,
      form({ first_name: "John", last_name: "Roe", company_name: "umbrella", owner_id: user.id }),
    );
    assert.equal(second.status, 303);
    assert.deepEqual(await companies(), [{ name: "Umbrella" }]);

    const page = await (await client.fetch(path)).text();
    assert.match(page, /jane@umbrella\.test/);
    assert.match(page, /Umbrella/);

    assert.equal(
      (await client.fetch(
        `${path}/edit`,
        form({
          first_name: "Jane",
          last_name: "Doe",
          email: "jane@umbrella.test",
          company_name: "Wayne",
          owner_id: user.id,
        }),
      )).status,
      303,
    );
    const edited = await (await client.fetch(path)).text();
    assert.match(edited, /company:.*Umbrella.*→.*Wayne/s);
    assert.deepEqual((await companies()).map((c) => c.name).sort(), ["Umbrella", "Wayne"]);

    const byEmail = await (await client.fetch(`${base}?q=jane%40umb`)).text();
    assert.match(byEmail, /Jane Doe/);
    assert.doesNotMatch(byEmail, /John Roe/);
    const sorted = await (await client.fetch(`${base}?sort=name_desc`)).text();
    assert.ok(sorted.indexOf("John Roe") < sorted.indexOf("Jane Doe"), "Roe sorts before Doe descending");

    assert.equal((await client.fetch(`${path}/delete`, form({}))).status, 303);
    assert.doesNotMatch(await (await client.fetch(base)).text(), /Jane Doe/);
    assert.match(await (await client.fetch(`${base}/deleted`)).text(), /Jane Doe/);
    assert.equal((await client.fetch(`${path}/restore`, form({}))).status, 303);
    const restored = await (await client.fetch(path)).text();
    assert.match(restored, /deleted this contact/);
    assert.match(restored, /restored this contact/);
  } finally {
    await app.close();
  }
});

Deno.test("trash: records deleted more than 30 days ago can no longer be restored", async () => {
  const app = await testApp();
  try {
    const { client, org } = await orgWithOwner(app);
    const { id } = await withOrg({ orgId: org.id }, (q) =>
      q.insertInto("contacts", {
        first_name: "Old",
        last_name: "Timer",
        owner_id: null,
        deleted_at: new Date(Date.now() - 31 * 86_400_000),
      }).returning("id").executeTakeFirstOrThrow());
    assert.doesNotMatch(await (await client.fetch(`/app/${org.slug}/contacts/deleted`)).text(), /Old Timer/);
    assert.equal((await client.fetch(`/app/${org.slug}/contacts/${id}/restore`, form({}))).status, 404);
  } finally {
    await app.close();
  }
});
