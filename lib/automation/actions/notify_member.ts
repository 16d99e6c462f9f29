/** Notify the record's owner or a chosen member: in the bell, and by email when their preferences say so. */
import * as z from "zod";
import { text } from "../../http/forms.ts";
import { notify } from "../../notifications/notify.ts";
import { orgSlug, recordPath } from "../../records/records.ts";
import { renderLine, templateError } from "../templates.ts";
import { memberName } from "./members.ts";
import { ActionError, defineAction } from "./registry.ts";

const schema = z.object({
  recipient: z.union([z.literal("owner"), z.uuid("Choose a member")], "Choose who is notified"),
  message: text(200),
});

defineAction({
  type: "notify",
  label: "Notify a member",
  records: ["deal", "lead"],
  schema,
  fields: [
    {
      name: "recipient",
      label: "Who",
      kind: "select",
      options: "members",
      leading: [["owner", "The record's owner"]],
      required: true,
    },
    { name: "message", label: "Message", kind: "text", required: true, hint: "Merge fields such as {{deal.title}}." },
  ],
  async check(q, config, record) {
    const errors: Record<string, string> = {};
    const message = templateError(config.message, record);
    if (message) errors.message = message;
    if (config.recipient !== "owner" && !await memberName(q, config.recipient)) {
      errors.recipient = "Choose a member of this organisation";
    }
    return errors;
  },
  async plan(q, config, { facts, ruleId, position }) {
    const recipientId = config.recipient === "owner" ? facts.ownerId : config.recipient;
    if (!recipientId) throw new ActionError(`“${facts.title}” has no owner to notify`);
    const name = await memberName(q, recipientId);
    if (!name) throw new ActionError("The member to notify is no longer a member");
    const title = renderLine(config.message, facts.merge);
    return {
      summary: `Notify ${name}: “${title}”`,
      // The action is done once (its result row commits with it), so a fresh key per performance is enough.
      perform: async (q) => {
        await notify(q, {
          recipientId,
          type: "automation",
          actorId: null,
          title,
          link: recordPath(await orgSlug(q), facts.type, facts.id),
          key: `automation:${ruleId}:${position}:${crypto.randomUUID()}`,
        });
      },
    };
  },
});
