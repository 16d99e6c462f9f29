/** Create a task on the record, due in N days, for its owner or a chosen member. */
import * as z from "zod";
import { text } from "../../http/forms.ts";
import { renderLine, templateError } from "../templates.ts";
import { memberName } from "./members.ts";
import { ActionError, defineAction } from "./registry.ts";

const DAY_MS = 86_400_000;

const schema = z.object({
  title: text(200),
  due_days: z.coerce.number("Enter a number of days").int("Whole days").min(0, "0 or more").max(365, "At most 365"),
  assignee: z.union([z.literal("owner"), z.uuid("Choose a member")], "Choose who does it"),
});

defineAction({
  type: "create_task",
  label: "Create a task",
  records: ["deal", "lead"],
  schema,
  fields: [
    { name: "title", label: "Task", kind: "text", required: true, hint: "Merge fields such as {{deal.title}}." },
    { name: "due_days", label: "Due in (days)", kind: "number", required: true },
    {
      name: "assignee",
      label: "Assigned to",
      kind: "select",
      options: "members",
      leading: [["owner", "The record's owner"]],
      required: true,
    },
  ],
  async check(q, config, record) {
    const errors: Record<string, string> = {};
    const title = templateError(config.title, record);
    if (title) errors.title = title;
    if (config.assignee !== "owner" && !await memberName(q, config.assignee)) {
      errors.assignee = "Choose a member of this organisation";
    }
    return errors;
  },
  async plan(q, config, { facts }) {
    const ownerId = config.assignee === "owner" ? facts.ownerId : config.assignee;
    if (!ownerId) throw new ActionError(`“${facts.title}” has no owner to give the task to`);
    const name = await memberName(q, ownerId);
    if (!name) throw new ActionError("The assignee is no longer a member");
    const subject = renderLine(config.title, facts.merge);
    const due = new Date(Date.now() + config.due_days * DAY_MS);
    return {
      summary: `Task “${subject}” for ${name}, due ${due.toISOString().slice(0, 10)}`,
      perform: async (q) => {
        await q.insertInto("activities", {
          type: "task",
          subject,
          owner_id: ownerId,
          created_by: null,
          record_type: facts.type,
          record_id: facts.id,
          due_at: due,
        }).execute();
      },
    };
  },
});
