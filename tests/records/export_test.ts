import assert from "node:assert/strict";
import { withOrg } from "@/lib/data/scope.ts";
import { testApp } from "../helpers/app.ts";
import { form } from "../helpers/accounts.ts";
import { pastDue } from "../helpers/billing.ts";
import { addCompany } from "../helpers/records.ts";
import { csvRows as rows } from "../helpers/csv.ts";
import { dealWorld } from "../helpers/deals.ts";

Deno.test("export: every list as CSV with its filters, all rows past one batch, formulas defused", async () => {
  const app = await testApp();
  try {
    const w = await dealWorld(app);
    await withOrg({ orgId: w.org.id }, async (q) => {
      await q.insertInto(
        "contacts",
        Array.from({ length: 1_205 }, (_, i) => ({
          first_name: `Person${String(i).padStart(4, "0")}`,
          last_name: "Bulk",
          owner_id: w.user.id,
        })),
      ).execute();
      await q.insertInto("contacts", { first_name: "=HYPERLINK(1)", last_name: 'Evil, Inc "x"', owner_id: null })
        .execute();
      await q.insertInto("companies", [{ name: "Initech", domain: "initech.test" }, { name: "Hooli" }]).execute();
      await q.insertInto("leads", [{ name: "Lena Lead", status: "new" }, { name: "Old Lead", status: "disqualified" }])
        .execute();
    });
    await w.addDeals(w.pipeline.stages[0].id, ["Big deal"], 123_456);
    const base = `/app/${w.org.slug}`;

    const all = await w.client.fetch(`${base}/contacts/export`);
    assert.equal(all.status, 200);
    assert.equal(all.headers.get("content-type"), "text/csv; charset=utf-8");
    assert.match(all.headers.get("content-disposition")!, /attachment; filename=".*-contacts-\d{4}-\d{2}-\d{2}\.csv"/);
    const contacts = rows(await all.text());
    assert.deepEqual(contacts[0].slice(0, 3), ["First name", "Last name", "Email"]);
    assert.equal(contacts.length, 1 + 1_206, "every contact, across batches of 1,000");
    assert.equal(new Set(contacts.slice(1).map((r) => r.at(-1))).size, 1_206, "no row twice");
    const evil = contacts.find((r) => r[1] === 'Evil, Inc "x"');
    assert.equal(evil?.[0], "'=HYPERLINK(1)", "a formula is written as text");

    const filtered = rows(await (await w.client.fetch(`${base}/contacts/export?q=person0007&after=junk`)).text());
    assert.deepEqual(filtered.slice(1).map((r) => r[0]), ["Person0007"]);

    const companies = rows(await (await w.client.fetch(`${base}/companies/export?sort=name_desc`)).text());
    assert.deepEqual(companies.slice(1).map((r) => r[0]), ["Initech", "Hooli"]);
    const leads = rows(await (await w.client.fetch(`${base}/leads/export`)).text());
    assert.deepEqual(leads.slice(1).map((r) => r[0]), ["Lena Lead"], "the inbox's default filter: open leads");
    const deals = rows(await (await w.client.fetch(`${base}/deals/export?status=all`)).text());
    assert.deepEqual(deals.slice(1).map((r) => [r[0], r[1], r[2], r[4]]), [[
      "Big deal",
      "1234.56",
      "USD",
      "Qualified",
    ]]);

    // The list page links to its export with the same filters.
    const page = await (await w.client.fetch(`${base}/contacts?q=person&owner=me&after=x`)).text();
    assert.match(page, /href="\/app\/[^"]+\/contacts\/export\?q=person&amp;owner=me"/);
  } finally {
    await app.close();
  }
});

Deno.test("export: a rep limited to their own records exports only those; exports work while read-only", async () => {
  const app = await testApp();
  try {
    const w = await dealWorld(app);
    const rep = await w.addMember("MEMBER", "Rita Rep");
    await w.client.fetch(
      `/app/${w.org.slug}/settings`,
      form({ name: w.org.name, slug: w.org.slug, visibility: "own", rotting_days: "14" }),
    );
    await addCompany(w.org.id, rep.user.id, "Mine Co");
    await addCompany(w.org.id, w.user.id, "Theirs Co");
    await pastDue(w.org.id, 2, 30);
    const res = await rep.client.fetch(`/app/${w.org.slug}/companies/export`);
    assert.equal(res.status, 200);
    assert.deepEqual(rows(await res.text()).slice(1).map((r) => r[0]), ["Mine Co"]);
  } finally {
    await app.close();
  }
});
