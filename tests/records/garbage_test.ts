/**
 * Garbage to every state-changing route of the workspace and to the public web form, found in the
 * route manifest (so a new form is covered the day it is added): field errors or refusals, never a
 * 500, and never the 10 MB value echoed back.
 */
import assert from "node:assert/strict";
import manifest from "@/fresh.gen.ts";
import { createApiKey } from "@/lib/api/keys.ts";
import { saveRule } from "@/lib/automation/rules.ts";
import { withOrg } from "@/lib/data/scope.ts";
import { createEndpoint } from "@/lib/webhooks/endpoints.ts";
import { queueTestEvent } from "@/lib/webhooks/queue.ts";
import { type TestApp, testApp } from "../helpers/app.ts";
import { postGarbage, routeUrls, sweepUrls } from "../helpers/garbage.ts";
import { dealWorld } from "../helpers/deals.ts";

/** Every field name the workspace's forms and JSON endpoints read. */
const FIELDS = [
  ...["name", "title", "first_name", "last_name", "email", "phone", "domain", "industry", "city", "company_name"],
  ...["owner_id", "stage_id", "pipeline_id", "company_id", "contact_id", "company", "contact", "value"],
  ...["expected_close_date", "reason", "outcome", "type", "subject", "body", "due_at", "message", "probability"],
  ...["rotting_days", "visibility", "slug", "position", "direction", "action", "intent", "deal_title", "move_to"],
  ...["before", "after", "return", "status", "role", "reassign_to", "user_id", "confirm", "plan", "website"],
  ...["scope", "expires"],
  ...["url", "webhook_url"],
  "time_zone",
];

/** The resource a path parameter names, by the folder before it. */
const PARAM_KIND: Record<string, string> = {
  companies: "company",
  contacts: "contact",
  leads: "lead",
  deals: "deal",
  tasks: "task",
  pipelines: "pipeline",
  invitations: "invitation",
  members: "member",
  jobs: "job",
  "api-keys": "apikey",
  webhooks: "endpoint",
  deliveries: "delivery",
  automation: "rule",
  runs: "run",
  exports: "export",
};

/** A path parameter's value: the org's slug, or the id of the resource named by the folder before it. */
const fillFrom = (slug: string, ids: Record<string, string>) => (param: string, folder: string) =>
  param === "org" ? slug : ids[PARAM_KIND[folder]] ?? `[${param}]`;

/** An org with one record of every kind, a member, and the id each path parameter names. */
async function world(app: TestApp) {
  const w = await dealWorld(app);
  const member = await w.addMember("MEMBER");
  const [dealId] = await w.addDeals(w.pipeline.stages[0].id, ["Garbage deal"]);
  const ids = await withOrg({ orgId: w.org.id }, async (q) => {
    const company = await q.insertInto("companies", { name: "Junk Co" }).returning("id").executeTakeFirstOrThrow();
    const contact = await q.insertInto("contacts", { first_name: "Jun", last_name: "K" }).returning("id")
      .executeTakeFirstOrThrow();
    const lead = await q.insertInto("leads", { name: "Junk lead" }).returning("id").executeTakeFirstOrThrow();
    const task = await q.insertInto("activities", {
      type: "task",
      subject: "Junk task",
      record_type: "company",
      record_id: company.id,
      owner_id: w.user.id,
      due_at: new Date(),
    }).returning("id").executeTakeFirstOrThrow();
    const invitation = await q.insertInto("invitations", {
      email: "junk@example.test",
      role: "MEMBER",
      token_hash: crypto.randomUUID(),
      expires_at: new Date(Date.now() + 86_400_000),
    }).returning("id").executeTakeFirstOrThrow();
    const job = await q.insertInto("jobs", {
      kind: "email.send",
      payload: JSON.stringify({ emailId: crypto.randomUUID() }),
      status: "dead",
      max_attempts: 1,
      last_error: "junk",
    }).returning("id").executeTakeFirstOrThrow();
    const key = await createApiKey(q, { id: w.user.id, role: "OWNER" }, {
      name: "Junk",
      scope: "read",
      expires: "never",
    });
    const endpoint = await createEndpoint(q, { id: w.user.id, role: "OWNER" }, {
      url: "http://127.0.0.1:9/hooks",
      description: "Junk",
      event_types: [],
      enabled: true,
    });
    const delivery = await queueTestEvent(q, endpoint.id, { id: w.org.id, name: w.org.name });
    const rule = await saveRule(q, { id: w.user.id, role: "OWNER" }, null, {
      name: "Junk rule",
      match: "all",
      trigger_type: "deal.won",
      "actions.0.type": "create_task",
      "actions.0.title": "Junk",
      "actions.0.due_days": "1",
      "actions.0.assignee": "owner",
    });
    if (!rule.ok) throw new Error(JSON.stringify(rule.errors));
    const run = await q.insertInto("automation_runs", {
      rule_id: rule.id,
      event_id: crypto.randomUUID(),
      event_label: "Junk",
      record_type: "deal",
      record_id: dealId,
      status: "failed",
    }).returning("id").executeTakeFirstOrThrow();
    await q.insertInto("automation_action_results", {
      run_id: run.id,
      position: 0,
      type: "create_task",
      status: "failed",
    }).execute();
    const exported = await q.insertInto("exports", { requested_by: w.user.id, records: 0 }).returning("id")
      .executeTakeFirstOrThrow();
    return {
      export: exported.id,
      rule: rule.id,
      run: run.id,
      apikey: key.id,
      endpoint: endpoint.id,
      delivery: delivery!,
      company: company.id,
      contact: contact.id,
      lead: lead.id,
      deal: dealId,
      task: task.id,
      pipeline: w.pipeline.id,
      invitation: invitation.id,
      member: member.user.id,
      job: job.id,
    } as Record<string, string>;
  });

  return { w, member, ids };
}

Deno.test("garbage input to every workspace form and the web form gives field errors or refusals, never a 500", async () => {
  const app = await testApp();
  try {
    const { w, ids } = await world(app);
    const paths = routeUrls(manifest.routes, fillFrom(w.org.slug, ids))
      .filter((u) => /^\.\/routes\/(app\/\[org\]|f)\//.test(u.file) && u.post)
      .map((u) => u.path)
      // Deleting records, the org or oneself goes last, so the other routes still find what they change.
      .sort((a, b) => Number(/delete|leave|transfer/.test(a)) - Number(/delete|leave|transfer/.test(b)));
    assert.ok(paths.length >= 30, `found ${paths.length} form routes`);
    assert.ok(paths.every((p) => !p.includes("[")), `every parameter filled: ${paths.filter((p) => p.includes("["))}`);

    const failures: string[] = [];
    for (const path of paths) failures.push(...await postGarbage(path, FIELDS, (init) => w.client.fetch(path, init)));
    assert.deepEqual(failures, []);
  } finally {
    await app.close();
  }
});

Deno.test("garbage in the path and the query string of every route, as a member: never a 500, never off-site", async () => {
  const app = await testApp();
  try {
    const { w, member, ids } = await world(app);
    const urls = routeUrls(
      manifest.routes,
      (param, folder) => param === "org" ? w.org.slug : ids[PARAM_KIND[folder]] ?? crypto.randomUUID(),
    )
      // Leaving the org or logging out would end the sweep's access; their paths take no parameter to garble.
      .filter((u) => !/\/(leave|logout)\.tsx?$/.test(u.file));
    assert.ok(urls.length >= 60, `found ${urls.length} routes`);
    assert.deepEqual(await sweepUrls(member.client.fetch, urls, app.origin), []);
  } finally {
    await app.close();
  }
});
