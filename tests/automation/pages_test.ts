import assert from "node:assert/strict";
import { moveDeal } from "@/lib/deals/move.ts";
import { withOrg } from "@/lib/data/scope.ts";
import { testApp } from "../helpers/app.ts";
import { form } from "../helpers/accounts.ts";
import { ageOrg } from "../helpers/billing.ts";
import { dealWorld } from "../helpers/deals.ts";
import { drainJobs } from "../helpers/jobs.ts";
import { freshEmail } from "../helpers/auth.ts";
import { addRule, giveContact, runsOf } from "../helpers/automation.ts";
import { services } from "@/lib/data/services.ts";

Deno.test("the rule editor without JavaScript: add an action, refuse unknown merge fields, save, audit", async () => {
  const app = await testApp();
  try {
    const w = await dealWorld(app);
    const base = `/app/${w.org.slug}/settings/automation`;
    const [, s2] = w.pipeline.stages;
    const page = await w.client.fetch(`${base}/new`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /name="trigger_type"/);

    const start = { name: "Proposal follow-up", trigger_type: "deal.stage_changed", match: "all", active: "on" };
    const added = await w.client.fetch(`${base}/new`, form({ ...start, new_action: "send_email", add_action: "1" }));
    assert.equal(added.status, 200);
    const addedHtml = await added.text();
    assert.match(addedHtml, /name="actions\.0\.subject"/);
    assert.match(addedHtml, /name="actions\.0\.type" value="send_email"/);

    const email = {
      ...start,
      "trigger.to_stage_id": s2.id,
      "actions.0.type": "send_email",
      "actions.0.to": "contact",
      "actions.0.subject": "Hello {{contact.first_name}}",
      "actions.0.body": "About {{deal.nickname}}",
    };
    const refused = await w.client.fetch(`${base}/new`, form(email));
    assert.equal(refused.status, 422);
    assert.match(await refused.text(), /Unknown merge field \{\{deal\.nickname\}\}/);

    const injected = await w.client.fetch(
      `${base}/new`,
      form({ ...email, "actions.0.subject": "Hi\r\nBcc: x@evil.test" }),
    );
    assert.equal(injected.status, 422);
    assert.match(await injected.text(), /One line only/);

    // Preview against a real deal, before saving.
    const [deal] = await w.addDeals(w.pipeline.stages[0].id, ["Preview & <Co>"]);
    const preview = await w.client.fetch(
      `${base}/new`,
      form({ ...email, "actions.0.body": "About {{deal.title}}", preview_record: deal, preview: "0" }),
    );
    assert.equal(preview.status, 200);
    const previewHtml = await preview.text();
    assert.match(previewHtml, /Subject: Hello<\/p><p[^>]*>About Preview &amp; &lt;Co/);

    const saved = await w.client.fetch(`${base}/new`, form({ ...email, "actions.0.body": "About {{deal.title}}" }));
    assert.equal(saved.status, 303);
    const list = await (await w.client.fetch(base)).text();
    assert.match(list, /Proposal follow-up/);
    assert.match(list, /1 of 100 active rules/);
    const audit = await withOrg(
      { orgId: w.org.id },
      (q) => q.selectFrom("audit_log").select(["action", "target"]).where("action", "like", "automation.%").execute(),
    );
    assert.deepEqual(audit, [{ action: "automation.rule_created", target: "Proposal follow-up" }]);

    // A member may not see the automation pages.
    const member = await w.addMember("MEMBER");
    assert.equal((await member.client.fetch(base)).status, 403);
  } finally {
    await app.close();
  }
});

Deno.test("test a rule: what each action would do, nothing sent; the run log and retry of a failed action", async () => {
  const app = await testApp();
  try {
    const w = await dealWorld(app);
    const base = `/app/${w.org.slug}/settings/automation`;
    const [s1, s2] = w.pipeline.stages;
    const ruleId = await addRule(w, {
      name: "Mail the contact",
      trigger_type: "deal.stage_changed",
      "trigger.to_stage_id": s2.id,
      "actions.0.type": "send_email",
      "actions.0.to": "contact",
      "actions.0.subject": "Proposal for {{deal.title}}",
      "actions.0.body": "Hi",
    });
    const [deal] = await w.addDeals(s1.id, ["Tested"]);

    const tested = await w.client.fetch(`${base}/${ruleId}/test`, form({ record: deal }));
    assert.equal(tested.status, 200);
    assert.match(await tested.text(), /No email address for the contact of “Tested”/);
    const to = freshEmail("buyer");
    await giveContact(w, deal, to);
    const again = await (await w.client.fetch(`${base}/${ruleId}/test`, form({ record: deal }))).text();
    assert.match(again, new RegExp(`Email “Proposal for Tested” to ${to}`));
    const stored = await services().db.selectFrom("emails").select("id").where("to_address", "=", to).execute();
    assert.equal(stored.length, 0, "test mode sends nothing");
    assert.equal((await w.client.fetch(`${base}/${ruleId}/test`, form({ record: "nope" }))).status, 422);

    // A run whose action fails (no contact address), then succeeds on retry once the contact has one.
    await w.run((q) => q.updateTable("contacts").set({ email: null }).where("email", "=", to).execute());
    await w.run((q) => moveDeal(q, w.viewer, deal, { stageId: s2.id, afterId: null, beforeId: null }));
    await drainJobs();
    const [run] = await runsOf(w, ruleId);
    assert.equal(run.status, "failed");
    const log = await (await w.client.fetch(`${base}/runs`)).text();
    assert.match(log, /Deal moved from .* to .*Tested/);
    assert.match(log, /No email address for the contact/);

    await w.run((q) => q.updateTable("contacts").set({ email: to }).where("first_name", "=", "Cara").execute());
    const retried = await w.client.fetch(`${base}/runs/${run.id}/retry`, form({ position: "0" }));
    assert.equal(retried.status, 303);
    await drainJobs();
    assert.equal((await runsOf(w, ruleId))[0].status, "succeeded");
    assert.equal((await w.client.fetch(`${base}/runs/${run.id}/retry`, form({ position: "0" }))).status, 404);
    assert.equal((await w.client.fetch(`${base}/runs/${run.id}/retry`, form({ position: "x" }))).status, 400);
  } finally {
    await app.close();
  }
});

Deno.test("plan limit: Free allows 3 active rules; a fourth is refused with the upgrade path, a paused one is not", async () => {
  const app = await testApp();
  try {
    const w = await dealWorld(app);
    await ageOrg(w.org.id, 15);
    const base = `/app/${w.org.slug}/settings/automation`;
    const rule = {
      trigger_type: "deal.won",
      "actions.0.type": "create_task",
      "actions.0.title": "Send a thank-you",
      "actions.0.due_days": "1",
      "actions.0.assignee": "owner",
    };
    for (let i = 0; i < 3; i++) await addRule(w, { ...rule, name: `Rule ${i}` });
    const refused = await w.client.fetch(`${base}/new`, form({ ...rule, name: "Fourth", match: "all", active: "on" }));
    assert.equal(refused.status, 422);
    const html = await refused.text();
    assert.match(html, /Free plan includes 3 automation rules/i);
    assert.match(html, new RegExp(`href="/app/${w.org.slug}/settings/billing"`));
    const paused = await w.client.fetch(`${base}/new`, form({ ...rule, name: "Paused", match: "all" }));
    assert.equal(paused.status, 303);
    const [pausedRule] = await w.run((q) =>
      q.selectFrom("automation_rules").select("id").where("name", "=", "Paused").execute()
    );
    const activate = await w.client.fetch(`${base}/${pausedRule.id}/active`, form({ active: "on" }));
    assert.equal(activate.headers.get("location"), `${base}?limit=1`);
  } finally {
    await app.close();
  }
});
