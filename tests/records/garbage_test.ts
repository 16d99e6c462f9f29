/**
 * Garbage to every state-changing route of the workspace and to the public web form, found in the
 * route manifest (so a new form is covered the day it is added): field errors or refusals, never a
 * 500, and never the 10 MB value echoed back.
 */
import assert from "node:assert/strict";
import manifest from "@/fresh.gen.ts";
import type { RouteModule } from "@/lib/fresh/types.ts";
import { withOrg } from "@/lib/data/scope.ts";
import { testApp } from "../helpers/app.ts";
import { garbageBodies, HUGE } from "../helpers/garbage.ts";
import { dealWorld } from "../deals/setup.ts";

/** Every field name the workspace's forms and JSON endpoints read. */
const FIELDS = [
  ...["name", "title", "first_name", "last_name", "email", "phone", "domain", "industry", "city", "company_name"],
  ...["owner_id", "stage_id", "pipeline_id", "company_id", "contact_id", "company", "contact", "value"],
  ...["expected_close_date", "reason", "outcome", "type", "subject", "body", "due_at", "message", "probability"],
  ...["rotting_days", "visibility", "slug", "position", "direction", "action", "intent", "deal_title", "move_to"],
  ...["before", "after", "return", "status", "role", "reassign_to", "user_id", "confirm", "plan", "website"],
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
};

function postsOf(mod: RouteModule): boolean {
  return typeof mod.handler === "function" || !!(mod.handler as Record<string, unknown> | undefined)?.POST;
}

Deno.test("garbage input to every workspace form and the web form gives field errors or refusals, never a 500", async () => {
  const app = await testApp();
  try {
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
      return {
        company: company.id,
        contact: contact.id,
        lead: lead.id,
        deal: dealId,
        task: task.id,
        pipeline: w.pipeline.id,
        invitation: invitation.id,
        member: member.user.id,
      } as Record<string, string>;
    });

    const paths = Object.entries(manifest.routes)
      .filter(([file]) => /^\.\/routes\/(app\/\[org\]|f)\//.test(file) && !/\/_\w+\.tsx?$/.test(file))
      .filter(([, mod]) => postsOf(mod as RouteModule))
      .map(([file]) => {
        const segments = file.replace(/^\.\/routes/, "").replace(/\.tsx?$/, "").replace(/\/index$/, "").split("/");
        return segments.map((s, i) =>
          s === "[org]" ? w.org.slug : /^\[\w+\]$/.test(s) ? ids[PARAM_KIND[segments[i - 1]]] ?? s : s
        ).join("/");
      })
      // Deleting records, the org or oneself goes last, so the other routes still find what they change.
      .sort((a, b) => Number(/delete|leave|transfer/.test(a)) - Number(/delete|leave|transfer/.test(b)));
    assert.ok(paths.length >= 30, `found ${paths.length} form routes`);
    assert.ok(paths.every((p) => !p.includes("[")), `every parameter filled: ${paths.filter((p) => p.includes("["))}`);

    const failures: string[] = [];
    for (const path of paths) {
      for (const [label, init] of garbageBodies(FIELDS)) {
        const res = await w.client.fetch(path, { ...init, method: "POST" });
        const text = await res.text();
        if (res.status >= 500) failures.push(`${path} (${label}): ${res.status}`);
        if (text.includes(HUGE.slice(0, 5000))) failures.push(`${path} (${label}): echoed the 10 MB value`);
      }
    }
    assert.deepEqual(failures, []);
  } finally {
    await app.close();
  }
});
