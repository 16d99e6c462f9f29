import assert from "node:assert/strict";
import { withOrg } from "@/lib/data/scope.ts";
import { testApp } from "../helpers/app.ts";
import { form, orgWithOwner } from "../helpers/accounts.ts";

const idFrom = (location: string | null) => location!.split("/").pop()!;

Deno.test("leads: inbox, qualify, disqualify with reason, convert reusing contact and company", async (t) => {
  const app = await testApp();
  try {
    const { client, org, user } = await orgWithOwner(app);
    const base = `/app/${org.slug}/leads`;
    const inOrg = <R>(fn: Parameters<typeof withOrg<R>>[1]) => withOrg({ orgId: org.id }, fn);

    await t.step("manual create validates", async () => {
      const bad = await client.fetch(`${base}/new`, form({ name: "", email: "nope", owner_id: user.id }));
      assert.equal(bad.status, 422);
      const html = await bad.text();
      assert.match(html, /Required/);
      assert.match(html, /Enter a valid email address/);
    });

    let leadPath = "";
    await t.step("create, qualify, disqualify", async () => {
      const res = await client.fetch(
        `${base}/new`,
        form({ name: "Ann Lee", email: "Ann@Globex.com", company_name: "Globex", message: "Hi", owner_id: user.id }),
      );
      assert.equal(res.status, 303);
      leadPath = res.headers.get("location")!;
      assert.match(await (await client.fetch(base)).text(), /Ann Lee/);

      assert.equal((await client.fetch(`${leadPath}/qualify`, form({}))).status, 303);
      assert.match(await (await client.fetch(leadPath)).text(), /qualified/);

      const noReason = await client.fetch(`${leadPath}/disqualify`, form({ reason: " " }));
      assert.equal(noReason.status, 422);
      assert.match(await noReason.text(), /Required/);
      assert.equal((await client.fetch(`${leadPath}/disqualify`, form({ reason: "No budget this year" }))).status, 303);
      const page = await (await client.fetch(leadPath)).text();
      assert.match(page, /No budget this year/);
      assert.match(page, /changed the status/);
      // Disqualified leads leave the open inbox but stay under their status.
      assert.doesNotMatch(await (await client.fetch(base)).text(), /Ann Lee/);
      assert.match(await (await client.fetch(`${base}?status=disqualified`)).text(), /Ann Lee/);
      assert.equal((await client.fetch(`${leadPath}/qualify`, form({}))).status, 303);
    });

    await t.step("convert reuses the contact by email and the company by domain", async () => {
      const company = await inOrg((q) =>
        q.insertInto("companies", { name: "Globex Corporation", domain: "globex.com", owner_id: null }).returning("id")
          .executeTakeFirstOrThrow()
      );
      const contact = await inOrg((q) =>
        q.insertInto("contacts", { first_name: "Ann", last_name: "L.", email: "ann@globex.com", owner_id: null })
          .returning("id").executeTakeFirstOrThrow()
      );
      const preview = await (await client.fetch(`${leadPath}/convert`)).text();
      assert.match(preview, /Globex Corporation/);
      assert.match(preview, /existing, reused/);

      const badValue = await client.fetch(`${leadPath}/convert`, form({ deal_title: "Globex deal", value: "12.345" }));
      assert.equal(badValue.status, 422);
      assert.match(await badValue.text(), /Enter an amount like 1,250.00/);

      const done = await client.fetch(`${leadPath}/convert`, form({ deal_title: "Globex deal", value: "1,250.50" }));
      assert.equal(done.status, 303);
      const lead = await inOrg((q) =>
        q.selectFrom("leads").selectAll().where("id", "=", idFrom(leadPath)).executeTakeFirstOrThrow()
      );
      assert.equal(lead.status, "converted");
      assert.equal(lead.converted_contact_id, contact.id);
      assert.equal(lead.converted_company_id, company.id);
      const deal = await inOrg((q) =>
        q.selectFrom("deals").innerJoin("stages", "stages.id", "deals.stage_id")
          .innerJoin("pipelines", "pipelines.id", "deals.pipeline_id")
          .select([
            "deals.value_minor",
            "deals.contact_id",
            "deals.owner_id",
            "stages.name as stage",
            "pipelines.name as pipeline",
          ])
          .where("deals.id", "=", lead.converted_deal_id!).executeTakeFirstOrThrow()
      );
      assert.deepEqual(deal, {
        value_minor: 125050,
        contact_id: contact.id,
        owner_id: user.id,
        stage: "Qualified",
        pipeline: "Sales",
      });
      // The contact had no company: it is linked now, and that is on its timeline.
      const contactPage = await (await client.fetch(`/app/${org.slug}/contacts/${contact.id}`)).text();
      assert.match(contactPage, /Globex Corporation/);
      const counts = await inOrg(async (q) => ({
        companies: (await q.selectFrom("companies").select("id").execute()).length,
        contacts: (await q.selectFrom("contacts").select("id").execute()).length,
        stages: (await q.selectFrom("stages").select("id").execute()).length,
      }));
      assert.deepEqual(counts, { companies: 1, contacts: 1, stages: 4 });
      assert.match(await (await client.fetch(leadPath)).text(), /converted this lead/);

      const again = await client.fetch(`${leadPath}/convert`, form({ deal_title: "Again", value: "" }));
      assert.equal(again.status, 409);
    });

    await t.step("convert creates contact and company when nothing matches, in the existing pipeline", async () => {
      const res = await client.fetch(
        `${base}/new`,
        form({ name: "Bo Diaz Ruiz", email: "bo@initech.io", company_name: "", owner_id: "" }),
      );
      const path = res.headers.get("location")!;
      assert.equal((await client.fetch(`${path}/convert`, form({ deal_title: "Initech", value: "" }))).status, 303);
      const made = await inOrg((q) =>
        q.selectFrom("contacts").innerJoin("companies", "companies.id", "contacts.company_id")
          .select(["contacts.first_name", "contacts.last_name", "companies.name", "companies.domain"])
          .where("contacts.email", "=", "bo@initech.io").executeTakeFirstOrThrow()
      );
      assert.deepEqual(made, { first_name: "Bo", last_name: "Diaz Ruiz", name: "Initech", domain: "initech.io" });
      const pipelines = await inOrg((q) => q.selectFrom("pipelines").select("id").execute());
      assert.equal(pipelines.length, 1);
    });

    await t.step("unknown or malformed ids are 404", async () => {
      assert.equal((await client.fetch(`${base}/123`)).status, 404);
      assert.equal((await client.fetch(`${base}/${crypto.randomUUID()}/qualify`, form({}))).status, 404);
    });
  } finally {
    await app.close();
  }
});

Deno.test("web-to-lead form: cross-origin post, honeypot, validation, rate limit", async () => {
  const app = await testApp();
  try {
    const { client, org } = await orgWithOwner(app, "Formco");
    const page = await app.fetch(`/f/${org.slug}`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /Contact Formco/);
    assert.equal((await app.fetch(`/f/no-such-org`)).status, 404);

    const post = (values: Record<string, string>, ip: string) =>
      app.fetch(`/f/${org.slug}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://www.formco-site.example" },
        body: new URLSearchParams(values).toString(),
        remoteAddr: ip,
      });

    const sent = await post({ name: "Web Visitor", email: "visitor@example.org", message: "Call me" }, "10.0.0.1");
    assert.equal(sent.status, 303);
    assert.equal(sent.headers.get("location"), `/f/${org.slug}?sent=1`);
    assert.match(await (await app.fetch(`/f/${org.slug}?sent=1`)).text(), /Thank you/);

    const bot = await post({ name: "Bot", email: "bot@example.org", website: "http://spam.example" }, "10.0.0.2");
    assert.equal(bot.status, 303);

    const invalid = await post({ name: "", email: "" }, "10.0.0.3");
    assert.equal(invalid.status, 422);
    const html = await invalid.text();
    assert.match(html, /Required/);

    const leads = await withOrg(
      { orgId: org.id },
      (q) => q.selectFrom("leads").select(["name", "source", "owner_id"]).execute(),
    );
    assert.deepEqual(leads, [{ name: "Web Visitor", source: "web_form", owner_id: null }]);
    const inbox = await (await client.fetch(`/app/${org.slug}/leads`)).text();
    assert.match(inbox, /Web Visitor/);
    assert.match(inbox, new RegExp(`href="/app/${org.slug}/settings/web-form"`));
    assert.doesNotMatch(inbox, /Embed code/);
    const settings = await (await client.fetch(`/app/${org.slug}/settings/web-form`)).text();
    assert.match(settings, /Embed code/);
    assert.match(settings, new RegExp(`href="http://localhost:8000/f/${org.slug}"`));
    assert.match(settings, new RegExp(`action="http://localhost:8000/f/${org.slug}"`.replace(/"/g, "&quot;")));
    // Shown links point where the page was opened (the server answers there), whatever APP_URL says.
    const elsewhere = await (await client.fetch(`http://127.0.0.1:8401/app/${org.slug}/settings/web-form`)).text();
    assert.match(elsewhere, new RegExp(`href="http://127.0.0.1:8401/f/${org.slug}"`));

    const statuses = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await post({ name: `N${i}`, email: `n${i}@example.org` }, "10.0.0.9")).status);
    }
    assert.deepEqual(statuses, [303, 303, 303, 303, 303, 429]);
  } finally {
    await app.close();
  }
});
