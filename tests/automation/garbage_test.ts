/**
 * Garbage to the rule editor, the rule test and the run log's retry (with the editor's own field names,
 * which the workspace-wide sweep in tests/records/garbage_test.ts does not send): never a 500, never
 * the 10 MB value echoed; and garbage payloads of automation jobs end dead, never run.
 */
import assert from "node:assert/strict";
import { sql } from "kysely";
import { moveDeal } from "@/lib/deals/move.ts";
import { testApp } from "../helpers/app.ts";
import { dealWorld } from "../helpers/deals.ts";
import { postGarbage } from "../helpers/garbage.ts";
import { allJobs, drainJobs } from "../helpers/jobs.ts";
import { addRule, runsOf } from "../helpers/automation.ts";

const FIELDS = [
  ...["name", "trigger_type", "trigger.to_stage_id", "trigger.from_stage_id", "trigger.days", "trigger.amount"],
  ...["trigger.reason", "trigger.source", "match", "active", "conditions.0.type", "conditions.0.value"],
  ...["conditions.0.min", "conditions.0.max", "conditions.0.field", "actions.0.type", "actions.0.to"],
  ...["actions.0.address", "actions.0.subject", "actions.0.body", "actions.0.title", "actions.0.due_days"],
  ...["actions.0.assignee", "actions.0.mode", "actions.0.user_id", "actions.0.team", "actions.0.stage_id"],
  ...["add_action", "new_action", "remove_action", "add_condition", "new_condition", "remove_condition"],
  ...["apply_trigger", "preview", "preview_record", "record", "position"],
];

Deno.test("garbage to the automation forms: field errors or refusals, never a 500", async () => {
  const app = await testApp();
  try {
    const w = await dealWorld(app);
    const [s1, s2] = w.pipeline.stages;
    const rule = await addRule(w, {
      trigger_type: "deal.stage_changed",
      "trigger.to_stage_id": s2.id,
      "actions.0.type": "send_email",
      "actions.0.to": "contact",
      "actions.0.subject": "Hi",
      "actions.0.body": "Hi",
    });
    const [deal] = await w.addDeals(s1.id, ["Garbage"]);
    await w.run((q) => moveDeal(q, w.viewer, deal, { stageId: s2.id, afterId: null, beforeId: null }));
    await drainJobs();
    const [run] = await runsOf(w, rule);
    assert.equal(run.status, "failed", "no contact address: a failed action to retry");
    const base = `/app/${w.org.slug}/settings/automation`;
    const paths = [`${base}/new`, `${base}/${rule}`, `${base}/${rule}/test`, `${base}/${rule}/active`];
    paths.push(`${base}/runs/${run.id}/retry`, `${base}/${rule}/delete`);
    const failures: string[] = [];
    for (const path of paths) failures.push(...await postGarbage(path, FIELDS, (init) => w.client.fetch(path, init)));
    assert.deepEqual(failures, []);
  } finally {
    await app.close();
  }
});

Deno.test("automation jobs with garbage payloads end dead without running", async () => {
  const app = await testApp();
  try {
    const w = await dealWorld(app);
    await w.run(async (q) => {
      for (
        const [kind, payload] of [
          ["automation.event", { event: { id: "nope" }, chain: "x" }],
          ["automation.action", { run_id: crypto.randomUUID(), position: -1 }],
          ["automation.event", { event: { id: crypto.randomUUID(), trigger: "deal.exploded" }, chain: [] }],
        ] as const
      ) {
        await q.insertInto("jobs", { kind, payload: JSON.stringify(payload), max_attempts: 3 }).execute();
      }
    });
    await drainJobs();
    const jobs = (await allJobs()).filter((j) => j.kind.startsWith("automation."));
    assert.equal(jobs.length, 3);
    for (const job of jobs) {
      assert.equal(job.status, "dead");
      assert.match(job.last_error!, /invalid payload/);
    }
    const runs = await w.run((q) => q.selectFrom("automation_runs").select(sql.lit(1).as("one")).execute());
    assert.equal(runs.length, 0);
  } finally {
    await app.close();
  }
});
