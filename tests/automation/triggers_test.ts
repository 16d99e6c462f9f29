import assert from "node:assert/strict";
import { sql } from "kysely";
import { resolveMembership } from "@/lib/auth/guard.ts";
import { moveDeal } from "@/lib/deals/move.ts";
import { setOutcome } from "@/lib/deals/outcome.ts";
import { convertLead } from "@/lib/records/convert.ts";
import { captureWebLead, createLead } from "@/lib/records/leads.ts";
import { scanTimedTriggers } from "@/lib/automation/timed.ts";
import { testApp } from "../helpers/app.ts";
import { type DealWorld, dealWorld } from "../helpers/deals.ts";
import { drainJobs } from "../helpers/jobs.ts";
import { addRule, resultsOf, runsOf, tasksOn } from "../helpers/automation.ts";

const task = (title: string) => ({
  "actions.0.type": "create_task",
  "actions.0.title": title,
  "actions.0.due_days": "1",
  "actions.0.assignee": "owner",
});

const authOf = (w: DealWorld) => resolveMembership({ ...w.user, emailVerified: true, sessionHash: "" }, w.org.slug);

async function leadTasks(w: DealWorld, leadId: string) {
  return await w.run((q) =>
    q.selectFrom("activities").select("subject").where("record_id", "=", leadId).where("type", "=", "task").execute()
  );
}

Deno.test("record triggers: deal created, won, lost with a reason, lead created by source, lead converted", async () => {
  const app = await testApp();
  try {
    const w = await dealWorld(app);
    const [s1] = w.pipeline.stages;
    await addRule(w, { trigger_type: "deal.created", ...task("Qualify {{deal.title}}") });
    await addRule(w, { trigger_type: "deal.won", ...task("Thank {{contact.first_name}}") });
    await addRule(w, { trigger_type: "deal.lost", "trigger.reason": "Price", ...task("Review pricing") });
    const webRule = await addRule(w, {
      trigger_type: "lead.created",
      "trigger.source": "web_form",
      ...task("Call {{lead.name}}"),
    });
    await addRule(w, { trigger_type: "lead.converted", ...task("Welcome {{lead.name}}") });

    const [won, lostOnPrice, lostOnTiming] = await w.addDeals(s1.id, ["Won one", "Lost on price", "Lost on timing"]);
    await drainJobs();
    assert.deepEqual((await tasksOn(w, won)).map((t) => t.subject), ["Qualify Won one"]);

    await w.run((q) => setOutcome(q, w.viewer, won, { outcome: "won" }));
    await w.run((q) => setOutcome(q, w.viewer, lostOnPrice, { outcome: "lost", reason: "price" }));
    await w.run((q) => setOutcome(q, w.viewer, lostOnTiming, { outcome: "lost", reason: "Timing" }));
    await drainJobs();
    assert.deepEqual((await tasksOn(w, won)).map((t) => t.subject).sort(), ["Qualify Won one", "Thank"]);
    assert.ok((await tasksOn(w, lostOnPrice)).some((t) => t.subject === "Review pricing"), "reason matches");
    assert.ok(!(await tasksOn(w, lostOnTiming)).some((t) => t.subject === "Review pricing"), "other reason");

    const web = await captureWebLead(w.org.id, {
      name: "Wendy Web",
      email: "wendy@example.test",
      phone: null,
      company_name: null,
      message: null,
    });
    const auth = await authOf(w);
    const manual = await createLead(auth, {
      name: "Manny Manual",
      email: null,
      phone: null,
      company_name: null,
      message: null,
      owner_id: w.user.id,
    });
    await drainJobs();
    // The web lead has no owner: the task has no one to go to, and the run log says so.
    assert.deepEqual(await leadTasks(w, web), []);
    const [webRun, ...others] = await runsOf(w, webRule);
    assert.equal(others.length, 0, "the rule is for web-form leads only");
    assert.equal(webRun.record_id, web);
    assert.match((await resultsOf(w, webRun.id))[0].error!, /“Wendy Web” has no owner/);

    await convertLead(auth, manual, { deal_title: "Manny's deal", value: 5_000 });
    await drainJobs();
    assert.deepEqual((await leadTasks(w, manual)).map((t) => t.subject), ["Welcome Manny Manual"]);
  } finally {
    await app.close();
  }
});

Deno.test("conditions: all and any over pipeline, stage, owner, amount and text; the run log says which held", async () => {
  const app = await testApp();
  try {
    const w = await dealWorld(app);
    const [s1, s2] = w.pipeline.stages;
    const all = await addRule(w, {
      trigger_type: "deal.created",
      match: "all",
      "conditions.0.type": "pipeline",
      "conditions.0.value": w.pipeline.id,
      "conditions.1.type": "amount",
      "conditions.1.min": "500",
      "conditions.1.max": "",
      "conditions.2.type": "text",
      "conditions.2.field": "title",
      "conditions.2.value": "enterprise",
      ...task("Big one"),
    });
    const any = await addRule(w, {
      trigger_type: "deal.created",
      match: "any",
      "conditions.0.type": "stage",
      "conditions.0.value": s2.id,
      "conditions.1.type": "owner",
      "conditions.1.value": w.user.id,
      ...task("Any one"),
    });
    const [small] = await w.addDeals(s1.id, ["Enterprise small"], 100_00);
    const [big] = await w.addDeals(s1.id, ["ENTERPRISE big"], 900_00);
    await drainJobs();
    assert.deepEqual((await tasksOn(w, big)).map((t) => t.subject).sort(), ["Any one", "Big one"]);
    assert.deepEqual((await tasksOn(w, small)).map((t) => t.subject), ["Any one"]);

    const runs = await runsOf(w, all);
    const smallRun = runs.find((r) => r.record_id === small)!;
    assert.equal(smallRun.status, "not_matched");
    assert.deepEqual(smallRun.conditions.map((c) => c.held), [true, false, true]);
    assert.match(smallRun.conditions[0].label, /Pipeline is Sales/);
    assert.equal((await runsOf(w, any)).every((r) => r.status === "succeeded"), true);
  } finally {
    await app.close();
  }
});

Deno.test("actions: assign the owner (fixed, then round robin in a team) and move to a stage", async () => {
  const app = await testApp();
  try {
    const w = await dealWorld(app);
    const [s1, s2, s3] = w.pipeline.stages;
    const a = await w.addMember("MEMBER", "Ann");
    const b = await w.addMember("MEMBER", "Ben");
    await w.run((q) =>
      q.updateTable("memberships").set({ team: "East" }).where("user_id", "in", [a.user.id, b.user.id]).execute()
    );
    await addRule(w, {
      trigger_type: "deal.created",
      "actions.0.type": "assign_owner",
      "actions.0.mode": "round_robin",
      "actions.0.team": "East",
      "actions.1.type": "move_stage",
      "actions.1.stage_id": s3.id,
    });
    const deals = await w.addDeals(s1.id, ["One", "Two", "Three"]);
    await drainJobs();
    const rows = await w.run((q) =>
      q.selectFrom("deals").select(["id", "owner_id", "stage_id"]).where("id", "in", deals).execute()
    );
    // Turns alternate in the order the runs took them (concurrent workers may run "Three" before "Two").
    const turns = await w.run((q) =>
      q.selectFrom("automation_action_results").select("summary").where("type", "=", "assign_owner")
        .orderBy("updated_at").execute()
    );
    const names = turns.map((t) => t.summary!.match(/to (\w+)$/)![1]);
    assert.equal(names.length, 3);
    assert.notEqual(names[0], names[1], "turns alternate");
    assert.equal(names[0], names[2]);
    const owners = deals.map((id) => rows.find((r) => r.id === id)!.owner_id);
    assert.ok(owners.every((o) => o === a.user.id || o === b.user.id));
    assert.equal(owners.filter((o) => o === a.user.id).length + owners.filter((o) => o === b.user.id).length, 3);
    assert.ok(rows.every((r) => r.stage_id === s3.id), "moved");
    const events = await w.run((q) =>
      q.selectFrom("record_events").select(["kind", "actor_id"]).where("record_id", "=", deals[0])
        .where("kind", "in", ["owner_changed", "stage_changed"]).orderBy("id").execute()
    );
    assert.deepEqual(events, [{ kind: "owner_changed", actor_id: null }, { kind: "stage_changed", actor_id: null }]);

    // Fixed owner on a lost deal; moving a closed deal is refused and logged, not crashed.
    const fixed = await addRule(w, {
      trigger_type: "deal.lost",
      "actions.0.type": "assign_owner",
      "actions.0.mode": "fixed",
      "actions.0.user_id": b.user.id,
      "actions.1.type": "move_stage",
      "actions.1.stage_id": s2.id,
    });
    await w.run((q) => setOutcome(q, w.viewer, deals[0], { outcome: "lost", reason: "No budget" }));
    await drainJobs();
    const [run] = await runsOf(w, fixed);
    const results = await resultsOf(w, run.id);
    assert.equal(results[0].status, "succeeded");
    assert.match(results[0].summary!, /to Ben/);
    assert.equal(results[1].status, "failed");
    assert.match(results[1].error!, /is lost/);
    assert.equal(run.status, "failed");
  } finally {
    await app.close();
  }
});

Deno.test("loops: rules triggering rules stop at depth 3, and a rule never runs twice for a record in one chain", async () => {
  const app = await testApp();
  try {
    const w = await dealWorld(app);
    const [s1, s2, s3, s4] = w.pipeline.stages;
    const move = (to: string, next: string) => ({
      trigger_type: "deal.stage_changed",
      "trigger.to_stage_id": to,
      "actions.0.type": "move_stage",
      "actions.0.stage_id": next,
    });
    // A ping-pong: s2 → s3 → s2 → …
    const ping = await addRule(w, { ...move(s2.id, s3.id), name: "Ping" });
    const pong = await addRule(w, { ...move(s3.id, s2.id), name: "Pong" });
    const [deal] = await w.addDeals(s1.id, ["Ball"]);
    await w.run((q) => moveDeal(q, w.viewer, deal, { stageId: s2.id, afterId: null, beforeId: null }));
    await drainJobs();
    const pings = await runsOf(w, ping);
    assert.deepEqual(pings.map((r) => r.status), ["succeeded", "cut"]);
    assert.match(pings[1].note!, /already ran for this record/);
    assert.deepEqual((await runsOf(w, pong)).map((r) => r.status), ["succeeded"]);

    // A longer chain: s1 → s2 → s3 → s4 → s1 …, with ping and pong paused.
    await w.run((q) => q.updateTable("automation_rules").set({ active: false }).execute());
    const r1 = await addRule(w, move(s1.id, s2.id));
    const r2 = await addRule(w, move(s2.id, s3.id));
    const r3 = await addRule(w, move(s3.id, s4.id));
    const r4 = await addRule(w, move(s4.id, s1.id));
    const [other] = await w.addDeals(s2.id, ["Runner"]);
    await w.run((q) => moveDeal(q, w.viewer, other, { stageId: s1.id, afterId: null, beforeId: null }));
    await drainJobs();
    const status = async (rule: string) => (await runsOf(w, rule)).map((r) => r.status);
    assert.deepEqual(await status(r1), ["succeeded"]);
    assert.deepEqual(await status(r2), ["succeeded"]);
    assert.deepEqual(await status(r3), ["succeeded"]);
    const [cut] = await runsOf(w, r4);
    assert.equal(cut.status, "cut");
    assert.match(cut.note!, /depth of 3/);
    assert.equal(cut.chain.length, 3);
  } finally {
    await app.close();
  }
});

Deno.test("time-based triggers: amount reached, close date passed, idle, task overdue; once per occasion", async () => {
  const app = await testApp();
  try {
    const w = await dealWorld(app);
    const [s1] = w.pipeline.stages;
    await addRule(w, {
      trigger_type: "deal.amount_reached",
      "trigger.amount": "1000",
      ...task("Big: {{deal.amount}}"),
    });
    await addRule(w, { trigger_type: "deal.close_date_passed", ...task("Update the close date") });
    await addRule(w, { trigger_type: "deal.idle", "trigger.days": "7", ...task("Nudge") });
    await addRule(w, { trigger_type: "task.overdue", ...task("Chase the overdue task") });
    const [small, big, late, idle] = await w.addDeals(s1.id, ["Small", "Big", "Late", "Idle"], 500_00);
    await w.run(async (q) => {
      await q.updateTable("deals").set({ value_minor: 2_000_00 }).where("id", "=", big).execute();
      await q.updateTable("deals").set({ expected_close_date: "2020-01-01" }).where("id", "=", late).execute();
      await q.insertInto("activities", {
        type: "task",
        subject: "Send the quote",
        record_type: "deal",
        record_id: small,
        owner_id: w.user.id,
        due_at: new Date(Date.now() - 3_600_000),
      }).execute();
    });
    // Idle: no change for ten days.
    await w.run((q) =>
      q.updateTable("deals").set({ updated_at: sql`now() - interval '10 days'` }).where("id", "=", idle).execute()
    );
    await scanTimedTriggers();
    await scanTimedTriggers();
    await drainJobs();
    const subjects = async (id: string) => (await tasksOn(w, id)).map((t) => t.subject).sort();
    assert.deepEqual(await subjects(big), ["Big: $2,000"]);
    assert.deepEqual(await subjects(late), ["Update the close date"]);
    assert.deepEqual(await subjects(idle), ["Nudge"]);
    assert.deepEqual(await subjects(small), ["Chase the overdue task", "Send the quote"]);
    await scanTimedTriggers();
    await drainJobs();
    assert.deepEqual(await subjects(big), ["Big: $2,000"], "once per occasion");
  } finally {
    await app.close();
  }
});
