/**
 * Every resource of /api/v1 end to end, as an integrator uses them: create, read, list, update (partial, with
 * If-Match), delete and restore; the domain verbs (qualify, disqualify, convert; move, won, lost, reopen;
 * complete a task); and the same rules as the app's pages (visibility, plan limits, read-only keys).
 */
import assert from "node:assert/strict";
import { withOrg } from "@/lib/data/scope.ts";
import { testApp } from "../helpers/app.ts";
import { orgWithOwner } from "../helpers/accounts.ts";
import { apiClient, apiKey } from "../helpers/api.ts";

Deno.test("API: companies, contacts and leads: create, get, list, patch with If-Match, delete, restore", async () => {
  const app = await testApp();
  try {
    const fx = await orgWithOwner(app);
    const api = apiClient(app, await apiKey(fx.org.id, fx.user.id));

    const company = await api.post("/companies", { name: "  Acme  ", domain: "https://www.Acme.com/about" });
    assert.equal(company.status, 201);
    assert.equal(company.body.name, "Acme");
    assert.equal(company.body.domain, "acme.com", "the form's domain rule applies");
    assert.equal(company.body.owner_id, fx.user.id, "owned by the key's member when no owner is given");
    assert.equal(company.headers.get("location"), `/api/v1/companies/${company.body.id}`);
    assert.equal(company.headers.get("etag"), '"1"');

    const contact = await api.post("/contacts", {
      first_name: "Jane",
      last_name: "Doe",
      email: "JANE@ACME.COM",
      company_id: company.body.id,
      owner_id: null,
    });
    assert.equal(contact.status, 201, JSON.stringify(contact.body));
    assert.equal(contact.body.email, "jane@acme.com");
    assert.equal(contact.body.company_name, "Acme");
    assert.equal(contact.body.owner_id, null);

    const patched = await api.patch(`/contacts/${contact.body.id}`, { title: "CTO" }, { "if-match": '"1"' });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    assert.equal(patched.body.title, "CTO");
    assert.equal(patched.body.email, "jane@acme.com", "fields not sent are kept");
    assert.equal(patched.body.company_id, company.body.id);
    assert.equal(patched.body.version, 2);
    assert.equal(patched.headers.get("etag"), '"2"');

    const stale = await api.patch(`/contacts/${contact.body.id}`, { title: "CEO" }, { "if-match": '"1"' });
    assert.equal(stale.status, 412);
    assert.equal(stale.headers.get("content-type"), "application/problem+json");
    assert.equal((await api.get(`/contacts/${contact.body.id}`)).body.title, "CTO", "a refused PATCH changes nothing");

    const unlinked = await api.patch(`/contacts/${contact.body.id}`, { company_id: null });
    assert.equal(unlinked.body.company_id, null);

    const lead = await api.post("/leads", { name: "Sam Lee", email: "sam@globex.com", company_name: "Globex" });
    assert.equal(lead.status, 201);
    assert.equal(lead.body.source, "api");
    assert.equal(lead.body.status, "new");

    const list = await api.get("/companies?sort=name&limit=10");
    assert.equal(list.status, 200);
    assert.deepEqual(list.body.data.map((c: { id: string }) => c.id), [company.body.id]);
    assert.equal(list.body.has_more, false);

    assert.equal((await api.delete(`/companies/${company.body.id}`, { "if-match": '"7"' })).status, 412);
    assert.equal((await api.delete(`/companies/${company.body.id}`)).status, 204);
    assert.equal((await api.get(`/companies/${company.body.id}`)).status, 404);
    assert.equal((await api.get("/companies")).body.data.length, 0, "a deleted company leaves the list");
    const restored = await api.post(`/companies/${company.body.id}/restore`);
    assert.equal(restored.status, 200);
    assert.equal(restored.body.name, "Acme");

    // The timeline records what the API did, as the app's forms do.
    const events = await withOrg(
      { orgId: fx.org.id },
      (q) =>
        q.selectFrom("record_events").select(["kind", "actor_id"]).where("record_id", "=", company.body.id)
          .orderBy("id").execute(),
    );
    assert.deepEqual(events.map((e) => e.kind), ["created", "deleted", "restored"]);
    assert.ok(events.every((e) => e.actor_id === fx.user.id));
  } finally {
    await app.close();
  }
});

Deno.test("API: lead verbs (qualify, disqualify, convert) and deal verbs (move, won, lost, reopen)", async () => {
  const app = await testApp();
  try {
    const fx = await orgWithOwner(app);
    const api = apiClient(app, await apiKey(fx.org.id, fx.user.id));
    const lead = (await api.post("/leads", { name: "Sam Lee", email: "sam@globex.com", company_name: "Globex" })).body;
    assert.equal((await api.post(`/leads/${lead.id}/qualify`)).body.status, "qualified");
    const converted = await api.post(`/leads/${lead.id}/convert`, { deal_title: "Globex deal", value_minor: 50000 });
    assert.equal(converted.status, 200, JSON.stringify(converted.body));
    assert.equal(converted.body.status, "converted");
    const deal = (await api.get(`/deals/${converted.body.converted_deal_id}`)).body;
    assert.equal(deal.title, "Globex deal");
    assert.equal(deal.value_minor, 50000);
    assert.equal(deal.contact_id, converted.body.converted_contact_id);
    assert.equal((await api.post(`/leads/${lead.id}/disqualify`, { reason: "late" })).status, 409);

    const other = (await api.post("/leads", { name: "Nope" })).body;
    const dq = await api.post(`/leads/${other.id}/disqualify`, { reason: "No budget" });
    assert.equal(dq.body.status, "disqualified");
    assert.equal(dq.body.disqualify_reason, "No budget");
    assert.equal((await api.post(`/leads/${other.id}/disqualify`, {})).status, 422);

    const [pipeline] = (await api.get("/pipelines")).body.data;
    assert.ok(pipeline.stages.length >= 2);
    const created = await api.post("/deals", { title: "Acme: 25 seats", value_minor: 1250000 });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.stage_id, pipeline.stages[0].id, "starts in the first stage of the first pipeline");
    assert.equal(created.body.currency, "USD");
    const moved = await api.post(`/deals/${created.body.id}/move`, { stage_id: pipeline.stages[1].id });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    assert.equal(moved.body.stage_id, pipeline.stages[1].id);
    const won = await api.post(`/deals/${created.body.id}/won`);
    assert.equal(won.body.status, "won");
    assert.ok(won.body.closed_at);
    assert.equal((await api.post(`/deals/${created.body.id}/won`)).status, 409, "already won");
    assert.equal((await api.post(`/deals/${created.body.id}/move`, { stage_id: pipeline.stages[0].id })).status, 409);
    const lost = await api.post(`/deals/${created.body.id}/lost`, { reason: "Budget cut" });
    assert.equal(lost.body.status, "lost");
    assert.equal(lost.body.lost_reason, "Budget cut");
    assert.equal((await api.post(`/deals/${created.body.id}/reopen`)).body.status, "open");

    const patched = await api.patch(`/deals/${created.body.id}`, { value_minor: 99 });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    assert.equal(patched.body.value_minor, 99);
    assert.equal(patched.body.title, "Acme: 25 seats", "a PATCH leaves the fields it does not send");
    assert.equal(patched.body.stage_id, pipeline.stages[1].id);
    const foreignStage = await api.patch(`/deals/${created.body.id}`, { stage_id: crypto.randomUUID() });
    assert.equal(foreignStage.status, 422);

    const listed = await api.get(`/deals?status=open&pipeline=${pipeline.id}&stage=${pipeline.stages[1].id}`);
    assert.deepEqual(listed.body.data.map((d: { id: string }) => d.id), [created.body.id]);
    assert.equal((await api.get(`/deals?status=won`)).body.data.length, 0);
  } finally {
    await app.close();
  }
});

Deno.test("API: activities and tasks; members, pipelines and /me", async () => {
  const app = await testApp();
  try {
    const fx = await orgWithOwner(app);
    const api = apiClient(app, await apiKey(fx.org.id, fx.user.id));
    const company = (await api.post("/companies", { name: "Acme" })).body;
    const call = await api.post("/activities", {
      type: "call",
      subject: "Intro call",
      record_type: "company",
      record_id: company.id,
    });
    assert.equal(call.status, 201, JSON.stringify(call.body));
    const noDue = await api.post("/activities", {
      type: "task",
      subject: "Follow up",
      record_type: "company",
      record_id: company.id,
    });
    assert.equal(noDue.status, 422);
    assert.deepEqual(noDue.body.errors, [{ pointer: "/due_at", detail: "A task needs a due date" }]);
    const due = "2026-05-01T09:30:00+02:00";
    const task = await api.post("/tasks", {
      subject: "Follow up",
      due_at: due,
      record_type: "company",
      record_id: company.id,
    });
    assert.equal(task.status, 201, JSON.stringify(task.body));
    assert.equal(task.body.due_at, "2026-05-01T07:30:00.000Z");
    assert.equal((await api.get(`/tasks/${call.body.id}`)).status, 404, "a call is no task");
    const open = await api.get("/tasks?state=open");
    assert.deepEqual(open.body.data.map((t: { id: string }) => t.id), [task.body.id]);
    const done = await api.post(`/tasks/${task.body.id}/complete`);
    assert.ok(done.body.done_at);
    assert.equal((await api.get("/tasks?state=open")).body.data.length, 0);
    assert.equal((await api.post(`/tasks/${task.body.id}/reopen`)).body.done_at, null);
    const onCompany = await api.get(`/activities?record_type=company&record_id=${company.id}&sort=oldest`);
    assert.deepEqual(onCompany.body.data.map((a: { id: string }) => a.id), [call.body.id, task.body.id]);
    const ghost = await api.post("/activities", {
      type: "note",
      subject: "x",
      record_type: "deal",
      record_id: crypto.randomUUID(),
    });
    assert.equal(ghost.status, 404);

    const me = await api.get("/me");
    assert.equal(me.body.org.id, fx.org.id);
    assert.deepEqual(me.body.key.scopes, ["read", "write"]);
    assert.equal(me.body.member.id, fx.user.id);
    assert.equal(me.body.plan.requests_per_minute, 600);
    assert.ok(me.body.plan.calls_this_month >= 10);
    const members = await api.get("/members");
    assert.deepEqual(members.body.data.map((m: { id: string; role: string }) => [m.id, m.role]), [[
      fx.user.id,
      "OWNER",
    ]]);
    assert.equal((await api.get(`/members/${fx.user.id}`)).body.email, fx.user.email);
    const [pipeline] = (await api.get("/pipelines")).body.data;
    assert.equal((await api.get(`/pipelines/${pipeline.id}`)).body.name, pipeline.name);
    assert.equal((await api.get(`/pipelines/${crypto.randomUUID()}`)).status, 404);
  } finally {
    await app.close();
  }
});
