import assert from "node:assert/strict";
import { sql } from "kysely";
import type { Kysely } from "kysely";
import { withOrg } from "@/lib/data/scope.ts";
import { services } from "@/lib/data/services.ts";
import { exportPath } from "@/lib/exports/files.ts";
import { cleanUpExports } from "@/lib/exports/jobs.ts";
import { testApp } from "../helpers/app.ts";
import { form, orgWithOwner } from "../helpers/accounts.ts";
import { emailsTo, linkIn } from "../helpers/auth.ts";
import { csvRows } from "../helpers/csv.ts";
import { type DealWorld, dealWorld } from "../helpers/deals.ts";
import { asOwner } from "../helpers/db_owner.ts";
import { drainJobs } from "../helpers/jobs.ts";
import { unzipText } from "../helpers/zip.ts";

const CSVS = [
  "companies.csv",
  "contacts.csv",
  "leads.csv",
  "deals.csv",
  "activities.csv",
  "tasks.csv",
  "pipelines.csv",
  "stages.csv",
  "members.csv",
];

/** A workspace with a record of every kind, links between them, a formula, and some of it in the trash. */
async function fill(w: DealWorld, contacts: number) {
  return await w.run(async (q) => {
    const [acme, , trashed] = await q.insertInto("companies", [
      { name: "Acme", domain: "acme.test", owner_id: w.user.id },
      { name: '=HYPERLINK("http://evil.test")', owner_id: null },
      { name: "Trashed Co", deleted_at: new Date() },
    ]).returning("id").execute();
    const people = await q.insertInto(
      "contacts",
      Array.from({ length: contacts }, (_, i) => ({
        first_name: `Person${String(i).padStart(4, "0")}`,
        last_name: "Bulk",
        email: `p${i}@acme.test`,
        company_id: acme.id,
        owner_id: w.user.id,
      })),
    ).returning("id").execute();
    await q.insertInto("contacts", { first_name: "Gone", deleted_at: new Date() }).execute();
    await q.insertInto("leads", [{ name: "+Lena Lead", status: "new" }, { name: "Old Lead", status: "disqualified" }])
      .execute();
    const stage = w.pipeline.stages[1];
    const deal = await q.insertInto("deals", {
      title: "Big deal",
      pipeline_id: w.pipeline.id,
      stage_id: stage.id,
      company_id: acme.id,
      contact_id: people[0].id,
      owner_id: w.user.id,
      value_minor: 123_456,
      stage_entered_at: new Date(),
    }).returning("id").executeTakeFirstOrThrow();
    await q.insertInto("activities", [
      { type: "note", subject: "@SUM(A1)", record_type: "deal", record_id: deal.id, owner_id: w.user.id },
      { type: "task", subject: "Call back", record_type: "contact", record_id: people[1].id, due_at: new Date() },
      { type: "call", subject: "On a trashed company", record_type: "company", record_id: trashed.id },
    ]).execute();
    return { acme: acme.id, deal: deal.id, stage: stage.id };
  });
}

const byHeader = (rows: string[][]) => rows.slice(1).map((r) => Object.fromEntries(rows[0].map((h, i) => [h, r[i]])));

Deno.test("export everything: a small workspace's zip streams at once, every CSV and workspace.json checked against the data", async () => {
  const app = await testApp();
  try {
    const w = await dealWorld(app);
    const member = await w.addMember("MEMBER", "Mo Member");
    const admin = await w.addMember("ADMIN", "Ada Admin");
    const other = await orgWithOwner(app, "Other Org");
    await withOrg({ orgId: other.org.id }, (q) => q.insertInto("companies", { name: "OTHER-ORG-SECRET" }).execute());
    const made = await fill(w, 1_005);
    const base = `/app/${w.org.slug}/settings/data`;

    // Members neither see the page nor export.
    assert.equal((await member.client.fetch(base)).status, 403);
    assert.equal((await member.client.fetch(base, form({}))).status, 403);
    const page = await admin.client.fetch(base);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /This workspace has 1,013 records\. The zip downloads straight away\./);
    assert.match(html, /href="\/app\/[^"]+\/settings\/data"[^>]*>Data</, "in the settings nav");

    const res = await admin.client.fetch(base, form({}));
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "application/zip");
    assert.match(
      res.headers.get("content-disposition")!,
      /^attachment; filename="acme-inc-export-\d{4}-\d{2}-\d{2}\.zip"$/,
    );
    const files = await unzipText(res);
    assert.deepEqual(Object.keys(files), [...CSVS, "workspace.json"]);
    assert.ok(!Object.values(files).some((f) => f.includes("OTHER-ORG")), "nothing of another org");
    assert.ok(!Object.values(files).some((f) => /Trashed Co|Gone|On a trashed company/.test(f)), "no trash");

    const csv = Object.fromEntries(CSVS.map((name) => [name, csvRows(files[name])]));
    // The list exports' columns first, then the links.
    const listHeader = csvRows(await (await admin.client.fetch(`/app/${w.org.slug}/companies/export`)).text())[0];
    assert.deepEqual(csv["companies.csv"][0], [...listHeader, "Owner email", "Owner id"]);
    const companies = byHeader(csv["companies.csv"]);
    assert.deepEqual(companies.map((c) => c.Name), ["Acme", '\'=HYPERLINK("http://evil.test")'], "formula defused");
    assert.equal(companies[0]["Owner email"], w.user.email);
    const contacts = byHeader(csv["contacts.csv"]);
    assert.equal(contacts.length, 1_005, "every contact, across batches");
    assert.ok(contacts.every((c) => c["Company id"] === made.acme && c.Company === "Acme"));
    assert.deepEqual(byHeader(csv["leads.csv"]).map((l) => l.Name), ["'+Lena Lead", "Old Lead"]);
    const [deal] = byHeader(csv["deals.csv"]);
    assert.deepEqual(
      [deal.Title, deal.Value, deal["Value (minor units)"], deal["Stage id"], deal["Company id"]],
      ["Big deal", "1234.56", "123456", made.stage, made.acme],
    );
    assert.deepEqual(byHeader(csv["activities.csv"]).map((a) => [a.Type, a.Subject]), [["note", "'@SUM(A1)"]]);
    assert.deepEqual(byHeader(csv["tasks.csv"]).map((t) => t.Subject), ["Call back"]);
    assert.equal(byHeader(csv["pipelines.csv"]).length, 1);
    assert.deepEqual(
      byHeader(csv["stages.csv"]).map((s) => [s.Name, s["Pipeline id"]]).sort(),
      w.pipeline.stages.map((s) => [s.name, w.pipeline.id]).sort(),
    );
    assert.deepEqual(
      byHeader(csv["members.csv"]).map((m) => [m.Name, m.Role]).sort(),
      [["Ada Admin", "ADMIN"], ["Mo Member", "MEMBER"], ["Olive Owner", "OWNER"]],
    );

    // workspace.json: the same records, and every id it links resolves to one of them.
    const json = JSON.parse(files["workspace.json"]);
    assert.equal(json.format, "nexacrm.workspace");
    assert.equal(json.org.id, w.org.id);
    const ids = (key: string) => new Set<string>(json[key].map((r: { id: string }) => r.id));
    const live = await w.run(async (q) => ({
      contacts: (await q.selectFrom("contacts").select("id").where("deleted_at", "is", null).execute()).length,
      deals: (await q.selectFrom("deals").select("id").where("deleted_at", "is", null).execute()).length,
    }));
    assert.equal(json.contacts.length, live.contacts);
    assert.equal(json.deals.length, live.deals);
    assert.equal(json.companies.length, 2);
    assert.equal(json.leads.length, 2);
    assert.equal(json.activities.length, 2);
    const members = ids("members");
    const records: Record<string, Set<string>> = {
      company: ids("companies"),
      contact: ids("contacts"),
      lead: ids("leads"),
      deal: ids("deals"),
    };
    for (const key of ["companies", "contacts", "leads", "deals", "activities"]) {
      for (const row of json[key]) assert.ok(row.owner_id === null || members.has(row.owner_id), `${key} owner`);
    }
    for (const c of json.contacts) assert.ok(records.company.has(c.company_id));
    for (const d of json.deals) {
      assert.ok(ids("pipelines").has(d.pipeline_id) && ids("stages").has(d.stage_id));
      assert.ok(records.company.has(d.company_id) && records.contact.has(d.contact_id));
      assert.equal(d.value_minor, 123_456);
    }
    for (const s of json.stages) assert.ok(ids("pipelines").has(s.pipeline_id));
    for (const a of json.activities) assert.ok(records[a.record_type].has(a.record_id), "activity on a record");

    const audited = await w.run((q) =>
      q.selectFrom("audit_log").select(["actor_id", "detail"]).where("action", "=", "data.exported").execute()
    );
    assert.deepEqual(audited.map((a) => [a.actor_id, a.detail]), [[admin.user.id, {
      records: 1_013,
      delivery: "download",
    }]]);
  } finally {
    await app.close();
  }
});

Deno.test("export everything: a large workspace is built by a job, the admin is emailed a link only admins of the org can follow, and it is gone after 7 days", async () => {
  const dataDir = await Deno.makeTempDir();
  const app = await testApp({ EXPORT_DIRECT_MAX_RECORDS: "3", DATA_DIR: dataDir });
  try {
    const w = await dealWorld(app);
    const member = await w.addMember("MEMBER", "Mo Member");
    const stranger = await orgWithOwner(app, "Other Org");
    await fill(w, 5);
    const base = `/app/${w.org.slug}/settings/data`;
    assert.match(await (await w.client.fetch(base)).text(), /more than 3 records\. Workspaces over 3 records/);

    const res = await w.client.fetch(base, form({}));
    assert.equal(res.status, 303);
    assert.equal(res.headers.get("location"), `${base}?notice=queued`);
    assert.match(await (await w.client.fetch(`${base}?notice=queued`)).text(), /being built[\s\S]*waiting/);

    await drainJobs();
    const [email] = await emailsTo(w.user.email);
    assert.match(email.subject, /Your export of Acme Inc is ready/);
    const link = await linkIn(w.user.email);
    const [row] = await w.run((q) => q.selectFrom("exports").selectAll().execute());
    assert.equal(link, `${base}/exports/${row.id}`);
    assert.equal(row.status, "done");
    assert.equal(row.records, 13, "counted in full by the job");

    const page = await (await w.client.fetch(base)).text();
    assert.match(page, /13 records · asked by Olive Owner[\s\S]*ready/);
    assert.ok(page.includes(`href="${link}"`), "the page links the download");

    const download = await w.client.fetch(link);
    assert.equal(download.status, 200);
    assert.equal(download.headers.get("content-type"), "application/zip");
    const files = await unzipText(download);
    assert.equal(csvRows(files["contacts.csv"]).length, 1 + 5);
    assert.equal(JSON.parse(files["workspace.json"]).companies.length, 2);

    assert.equal((await member.client.fetch(link)).status, 403, "members cannot download");
    assert.equal((await stranger.client.fetch(link)).status, 404, "nor can another org");
    const strangerPath = `/app/${stranger.org.slug}/settings/data/exports/${row.id}`;
    assert.equal((await stranger.client.fetch(strangerPath)).status, 404, "not through their own org either");
    const audited = await w.run((q) =>
      q.selectFrom("audit_log").select("action").where("target", "=", row.id).orderBy("id").execute()
    );
    assert.deepEqual(audited.map((a) => a.action), ["data.exported", "data.export_downloaded"]);

    // Seven days on, the clean-up deletes the file and the row.
    const path = exportPath(w.org.id, row.id);
    await Deno.stat(path);
    await Deno.writeTextFile(`${path}.left-by-a-dead-run.part`, "half a zip");
    assert.equal(await cleanUpExports(), 0, "nothing is old yet");
    await asOwner(
      services().db as unknown as Kysely<unknown>,
      (owner) => sql`UPDATE exports SET created_at = now() - interval '7 days 1 minute'`.execute(owner),
    );
    assert.equal((await w.client.fetch(link)).status, 404, "past its 7 days before the clean-up runs");
    assert.equal(await cleanUpExports(), 1);
    assert.deepEqual([...Deno.readDirSync(`${dataDir}/exports/${w.org.id}`)], [], "the zip and its parts are gone");
    assert.deepEqual(await w.run((q) => q.selectFrom("exports").select("id").execute()), []);
  } finally {
    await app.close();
    await Deno.remove(dataDir, { recursive: true });
  }
});
