import assert from "node:assert/strict";
import { choosePipeline } from "@/lib/pipelines/pipelines.ts";
import { withOrg } from "@/lib/data/scope.ts";
import type { TestClient } from "../helpers/app.ts";
import { testApp } from "../helpers/app.ts";
import { form, orgWithOwner } from "../helpers/accounts.ts";

const text = (html: string) =>
  html.replace(/<[^>]+>/g, "").replace(/&amp;/g, "&").replace(/&#x27;|&#39;/g, "'").replace(/\s+/g, " ").trim();

/** The customers table as [name, lifetime value, won deals, open deals, open value] rows, in page order. */
async function customers(client: TestClient, path: string): Promise<string[][]> {
  const res = await client.fetch(path);
  assert.equal(res.status, 200);
  const html = await res.text();
  const body = /<tbody[^>]*>(.*?)<\/tbody>/s.exec(html)?.[1];
  if (!body) {
    assert.match(html, /No customers yet/);
    return [];
  }
  return [...body.matchAll(/<tr[^>]*>(.*?)<\/tr>/gs)].map(([, row]) => {
    const cells = [...row.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/gs)].map(([, cell]) => text(cell));
    assert.match(cells[5], /\d{4}|[A-Z][a-z]{2}/, "a last won date");
    return cells.slice(0, 5);
  });
}

Deno.test("customers: companies and contacts with a won deal, lifetime value and open deals", async (t) => {
  const app = await testApp();
  try {
    const o = await orgWithOwner(app);
    const rep = await o.addMember("MEMBER", "Rita Rep");
    const base = `/app/${o.org.slug}`;
    const { stages } = await withOrg(
      { orgId: o.org.id, userId: o.user.id },
      async (q) => (await choosePipeline(q)).pipeline,
    );

    const created = async (path: string, values: Record<string, string>) => {
      const res = await o.client.fetch(`${base}/${path}/new`, form(values));
      assert.equal(res.status, 303, `${path} ${JSON.stringify(values)}`);
      return res.headers.get("location")!;
    };
    const company = (name: string, owner = o.user.id) =>
      created("companies", { name, domain: "", industry: "", phone: "", city: "", owner_id: owner });
    const contact = (first_name: string, email: string, company_name: string) =>
      created("contacts", { first_name, last_name: "Buyer", email, company_name, owner_id: o.user.id });
    const deal = (title: string, value: string, company: string, contact = "", owner = o.user.id) =>
      created("deals", {
        title,
        value,
        expected_close_date: "",
        stage_id: stages[1].id,
        owner_id: owner,
        company,
        contact,
      });
    const outcome = async (dealPath: string, values: Record<string, string>) => {
      const res = await o.client.fetch(`${dealPath}/outcome`, form({ ...values, return: dealPath }));
      assert.equal(res.status, 303);
      assert.equal(res.headers.get("location"), dealPath, "no error on the way back");
    };
    const companies = `${base}/customers`;
    const people = `${base}/customers?kind=contacts`;

    const deals: Record<string, string> = {};
    await t.step("nobody is a customer before a deal is won", async () => {
      await company("Acme");
      await company("Globex");
      await company("Initech");
      await company("Umbrella");
      await company("Hooli", rep.user.id);
      await contact("Ann", "ann@acme.test", "Acme");
      await contact("Dee", "dee@acme.test", "Acme");
      await contact("Bob", "bob@globex.test", "Globex");
      await contact("Cy", "cy@initech.test", "Initech");
      deals.acmeWon = await deal("Acme platform", "1,000.00", "Acme", "ann@acme.test");
      deals.acmeBig = await deal("Acme expansion", "2500.50", "Acme", "dee@acme.test");
      deals.acmeOpen = await deal("Acme support", "300", "Acme", "ann@acme.test");
      deals.acmeLost = await deal("Acme moonshot", "9999", "Acme");
      deals.acmeGone = await deal("Acme deleted", "7000", "Acme", "ann@acme.test");
      deals.globex = await deal("Globex pilot", "4000", "Globex", "bob@globex.test");
      deals.initech = await deal("Initech suite", "6000", "Initech", "cy@initech.test");
      deals.umbrella = await deal("Umbrella deal", "800", "Umbrella");
      deals.hooli = await deal("Hooli seats", "50", "Hooli", "", rep.user.id);
      assert.deepEqual(await customers(o.client, companies), []);
      assert.deepEqual(await customers(o.client, people), []);
    });

    await t.step("won deals make customers; open, lost and deleted deals and deleted companies do not", async () => {
      for (const key of ["acmeWon", "acmeBig", "acmeGone", "umbrella", "hooli"]) {
        await outcome(deals[key], { outcome: "won" });
      }
      await outcome(deals.acmeLost, { outcome: "lost", reason: "Too expensive" });
      await outcome(deals.initech, { outcome: "lost", reason: "Went with a competitor" });
      assert.equal((await o.client.fetch(`${deals.acmeGone}/delete`, form({}))).status, 303);
      const umbrella = await withOrg(
        { orgId: o.org.id },
        (q) => q.selectFrom("companies").select("id").where("name", "=", "Umbrella").executeTakeFirstOrThrow(),
      );
      assert.equal((await o.client.fetch(`${base}/companies/${umbrella.id}/delete`, form({}))).status, 303);

      // Highest lifetime value first. Acme: 1,000 + 2,500.50 won; 300 open; lost and deleted deals do not count.
      assert.deepEqual(await customers(o.client, companies), [
        ["Acme", "$3,500.5", "2", "1", "$300"],
        ["Hooli", "$50", "1", "0", "$0"],
      ]);
      assert.deepEqual(await customers(o.client, people), [
        ["Dee Buyer", "$2,500.5", "1", "0", "$0"],
        ["Ann Buyer", "$1,000", "1", "1", "$300"],
      ]);
      const page = await (await o.client.fetch(companies)).text();
      assert.doesNotMatch(page, /Globex|Initech|Umbrella/);
    });

    await t.step("reopening a won deal takes it out of the lifetime value; winning another adds it", async () => {
      await outcome(deals.acmeBig, { outcome: "open" });
      assert.deepEqual(await customers(o.client, companies), [
        ["Acme", "$1,000", "1", "2", "$2,800.5"],
        ["Hooli", "$50", "1", "0", "$0"],
      ]);
      assert.deepEqual(await customers(o.client, people), [["Ann Buyer", "$1,000", "1", "1", "$300"]]);

      await outcome(deals.acmeOpen, { outcome: "won" });
      await outcome(deals.globex, { outcome: "won" });
      assert.deepEqual(await customers(o.client, companies), [
        ["Globex", "$4,000", "1", "0", "$0"],
        ["Acme", "$1,300", "2", "1", "$2,500.5"],
        ["Hooli", "$50", "1", "0", "$0"],
      ]);
      assert.deepEqual(await customers(o.client, people), [
        ["Bob Buyer", "$4,000", "1", "0", "$0"],
        ["Ann Buyer", "$1,300", "2", "0", "$0"],
      ]);
      // The name links to the record.
      const html = await (await o.client.fetch(companies)).text();
      assert.match(html, new RegExp(`href="${base}/companies/[0-9a-f-]{36}"[^>]*>Globex</a>`));
    });

    await t.step("with 'own' visibility, a member's customers are built from what they may see", async () => {
      const saved = await o.client.fetch(
        `${base}/settings`,
        form({ name: o.org.name, slug: o.org.slug, visibility: "own", rotting_days: "14" }),
      );
      assert.equal(saved.status, 303);
      assert.deepEqual(await customers(rep.client, companies), [["Hooli", "$50", "1", "0", "$0"]]);
      assert.deepEqual(await customers(rep.client, people), []);
      assert.equal((await customers(o.client, companies)).length, 3);
    });
  } finally {
    await app.close();
  }
});
