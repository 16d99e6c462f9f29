import assert from "node:assert/strict";
import { moveDeal } from "@/lib/deals/move.ts";
import { dealWorld } from "../helpers/deals.ts";
import { emailsTo, freshEmail } from "../helpers/auth.ts";
import { addRule, giveContact, runsOf, tasksOn } from "../helpers/automation.ts";
import { served, until } from "../helpers/qstash.ts";

Deno.test("qstash: a rule runs through QStash deliveries (the event, then its email), each action once", async () => {
  const s = await served();
  try {
    const w = await dealWorld(s.app);
    const [s1, s2] = w.pipeline.stages;
    const rule = await addRule(w, {
      trigger_type: "deal.stage_changed",
      "trigger.to_stage_id": s2.id,
      "actions.0.type": "send_email",
      "actions.0.to": "contact",
      "actions.0.subject": "About {{deal.title}}",
      "actions.0.body": "Hi {{contact.first_name}}",
      "actions.1.type": "create_task",
      "actions.1.title": "Follow up on {{deal.title}}",
      "actions.1.due_days": "2",
      "actions.1.assignee": "owner",
    });
    const [deal] = await w.addDeals(s1.id, ["Proposal deal"]);
    const to = freshEmail("qstash-contact");
    await giveContact(w, deal, to);

    await w.run((q) => moveDeal(q, w.viewer, deal, { stageId: s2.id, afterId: null, beforeId: null }));
    await until("the email delivered", async () => (await emailsTo(to)).length > 0);
    // QStash delivers at least once: every message again changes nothing.
    await Promise.all(s.fake.published.map((m) => s.fake.redeliver(m.messageId)));
    await s.fake.idle();

    const [run] = await runsOf(w, rule);
    assert.equal(run.status, "succeeded");
    assert.equal((await emailsTo(to)).length, 1);
    assert.deepEqual((await tasksOn(w, deal)).map((t) => t.subject), ["Follow up on Proposal deal"]);
  } finally {
    await s.close();
  }
});
