/** Rules for the automation tests, saved through the editor's own checks, and what their runs left. */
import type { FormValues } from "@/lib/http/forms.ts";
import { saveRule } from "@/lib/automation/rules.ts";
import type { DealWorld } from "./deals.ts";

/** Saves a rule (active unless `active: ""`) and returns its id; throws with the field errors when refused. */
export async function addRule(w: DealWorld, values: FormValues): Promise<string> {
  const saved = await w.run((q) =>
    saveRule(q, { id: w.user.id, role: "OWNER" }, null, { name: "Rule", match: "all", active: "on", ...values })
  );
  if (!saved.ok) throw new Error(`rule refused: ${JSON.stringify(saved.errors)}`);
  return saved.id;
}

/** A deal's contact, made directly, linked to the deal. */
export async function giveContact(w: DealWorld, dealId: string, email: string, firstName = "Cara"): Promise<string> {
  return await w.run(async (q) => {
    const { id } = await q.insertInto("contacts", { first_name: firstName, email, owner_id: w.user.id })
      .returning("id").executeTakeFirstOrThrow();
    await q.updateTable("deals").set({ contact_id: id }).where("id", "=", dealId).execute();
    return id;
  });
}

export async function runsOf(w: DealWorld, ruleId: string) {
  return await w.run((q) =>
    q.selectFrom("automation_runs").selectAll().where("rule_id", "=", ruleId).orderBy("id").execute()
  );
}

export async function resultsOf(w: DealWorld, runId: string) {
  return await w.run((q) =>
    q.selectFrom("automation_action_results").selectAll().where("run_id", "=", runId).orderBy("position").execute()
  );
}

export async function tasksOn(w: DealWorld, dealId: string) {
  return await w.run((q) =>
    q.selectFrom("activities").select(["subject", "owner_id", "due_at"]).where("record_id", "=", dealId)
      .where("type", "=", "task").execute()
  );
}
