/** Assign the record's owner: a fixed member, or the next member of a team in turn (round robin). */
import { sql } from "kysely";
import * as z from "zod";
import { recordChanges } from "../../records/history.ts";
import { memberName, teamMembers } from "./members.ts";
import { ActionError, defineAction } from "./registry.ts";

const schema = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("fixed"), user_id: z.uuid("Choose a member") }),
  z.object({ mode: z.literal("round_robin"), team: z.string().trim().min(1, "Choose a team").max(100) }),
], { error: "Choose how the owner is picked" });

const TABLE = { deal: "deals", lead: "leads" } as const;

defineAction({
  type: "assign_owner",
  label: "Assign the owner",
  records: ["deal", "lead"],
  schema,
  fields: [
    {
      name: "mode",
      label: "Pick",
      kind: "select",
      options: [["fixed", "A fixed member"], ["round_robin", "The next member of a team, in turn"]],
      required: true,
    },
    { name: "user_id", label: "Member", kind: "select", options: "members", hint: "For a fixed member." },
    { name: "team", label: "Team", kind: "select", options: "teams", hint: "For round robin." },
  ],
  async check(q, config) {
    if (config.mode === "fixed" && !await memberName(q, config.user_id)) {
      return { user_id: "Choose a member of this organisation" };
    }
    if (config.mode === "round_robin" && !(await teamMembers(q, config.team)).length) {
      return { team: "No member is in this team" };
    }
    return {};
  },
  async plan(q, config, { facts, ruleId, position }) {
    let next: { id: string; name: string };
    if (config.mode === "fixed") {
      const name = await memberName(q, config.user_id);
      if (!name) throw new ActionError("The member is no longer in the organisation");
      next = { id: config.user_id, name };
    } else {
      const team = await teamMembers(q, config.team);
      if (!team.length) throw new ActionError(`No member is in team ${config.team}`);
      // The rule's row is locked so two runs at once take two turns, not the same one.
      const rule = await q.selectFrom("automation_rules").select("state").where("id", "=", ruleId).forUpdate()
        .executeTakeFirstOrThrow();
      const last = team.findIndex((m) => m.id === rule.state[String(position)]);
      next = team[(last + 1) % team.length];
    }
    if (next.id === facts.ownerId) return { summary: `${next.name} already owns “${facts.title}”` };
    return {
      summary: `Assign “${facts.title}” to ${next.name}`,
      perform: async (q) => {
        if (config.mode === "round_robin") {
          await q.updateTable("automation_rules")
            .set({ state: sql`jsonb_set(state, ${sql.lit(`{${position}}`)}::text[], to_jsonb(${next.id}::text))` })
            .where("id", "=", ruleId).execute();
        }
        await q.updateTable(TABLE[facts.type]).set({ owner_id: next.id, updated_at: new Date() })
          .where("id", "=", facts.id).execute();
        await recordChanges(q, { actorId: null, recordType: facts.type, recordId: facts.id }, {
          owner_id: { from: facts.ownerId, to: next.id },
        });
      },
    };
  },
});
