import assert from "node:assert/strict";
import { moveDeal } from "@/lib/deals/move.ts";
import { testApp } from "../helpers/app.ts";
import { dealWorld } from "../helpers/deals.ts";
import { allJobs, drainJobs } from "../helpers/jobs.ts";
import { emailsTo, freshEmail } from "../helpers/auth.ts";
import { addRule, giveContact, resultsOf, runsOf, tasksOn } from "../helpers/automation.ts";

Deno.test("moved to a stage: one job per event, the email to the contact, the task, the run log", async () => {
  const app = await testApp();
  try {
    const w = await dealWorld(app);
    const [s1, s2, s3] = w.pipeline.stages;
    const ruleId = await addRule(w, {
      trigger_type: "deal.stage_changed",
      "trigger.to_stage_id": s2.id,
      "actions.0.type": "send_email",
      "actions.0.to": "contact",
      "actions.0.subject": "About {{deal.title}}",
      "actions.0.body": "Hi {{contact.first_name}}, {{deal.title}} is worth {{deal.amount}}.",
      "actions.1.type": "create_task",
      "actions.1.title": "Follow up on {{deal.title}}",
      "actions.1.due_days": "2",
      "actions.1.assignee": "owner",
    });
    const [deal] = await w.addDeals(s1.id, ["Big <b>deal</b>"]);
    const to = freshEmail("contact");
    await giveContact(w, deal, to);
    const before = (await allJobs()).length;

    // Moved to another stage: the trigger's stage does not match, so no run.
    await w.run((q) => moveDeal(q, w.viewer, deal, { stageId: s3.id, afterId: null, beforeId: null }));
    await w.run((q) => moveDeal(q, w.viewer, deal, { stageId: s2.id, afterId: null, beforeId: null }));
    const jobs = (await allJobs()).slice(before).filter((j) => j.kind === "automation.event");
    assert.equal(jobs.length, 2, "one evaluation job per stage change, nothing run in the request");
    assert.equal((await runsOf(w, ruleId)).length, 0);

    await drainJobs();
    const runs = await runsOf(w, ruleId);
    assert.equal(runs.length, 1);
    assert.equal(runs[0].status, "succeeded");
    assert.match(runs[0].event_label, /Deal moved from .* to /);
    const results = await resultsOf(w, runs[0].id);
    assert.deepEqual(results.map((r) => [r.type, r.status]), [["send_email", "succeeded"], [
      "create_task",
      "succeeded",
    ]]);

    const [mail] = await emailsTo(to);
    assert.equal(mail.subject, "About Big <b>deal</b>");
    assert.match(mail.text_body, /Hi Cara, Big <b>deal<\/b> is worth \$100\./);
    assert.match(mail.html_body, /Big &lt;b&gt;deal&lt;\/b&gt;/, "merge values escaped in the HTML part");
    assert.doesNotMatch(mail.html_body, /<b>deal/);

    const tasks = await tasksOn(w, deal);
    assert.equal(tasks.length, 1);
    assert.equal(tasks[0].subject, "Follow up on Big <b>deal</b>");
    assert.equal(tasks[0].owner_id, w.user.id);
    const days = (tasks[0].due_at!.getTime() - Date.now()) / 86_400_000;
    assert.ok(days > 1.9 && days <= 2, `due in two days (${days})`);

    // Jobs run at least once: the same event again does nothing twice.
    await drainJobs();
    assert.equal((await runsOf(w, ruleId)).length, 1);
    assert.equal((await emailsTo(to)).length, 1);
    assert.equal((await tasksOn(w, deal)).length, 1);
  } finally {
    await app.close();
  }
});
