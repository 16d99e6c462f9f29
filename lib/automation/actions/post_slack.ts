/** Post a message to the org's connected Slack channel (a `slack.post` job, retried like every Slack post). */
import * as z from "zod";
import { text } from "../../http/forms.ts";
import { queueSlackMessage } from "../../slack/jobs.ts";
import { getSlack } from "../../slack/connection.ts";
import { escapeMrkdwn } from "../../slack/messages.ts";
import { render, templateError } from "../templates.ts";
import { ActionError, defineAction } from "./registry.ts";

const schema = z.object({ message: text(2000) });

defineAction({
  type: "post_slack",
  label: "Post to Slack",
  records: ["deal", "lead"],
  schema,
  fields: [
    {
      name: "message",
      label: "Message",
      kind: "textarea",
      required: true,
      hint: "Posted to the channel connected under Integrations. Merge fields such as {{deal.title}}.",
    },
  ],
  check(_q, config, record) {
    const message = templateError(config.message, record);
    return Promise.resolve(message ? { message } : {});
  },
  async plan(q, config, { facts }) {
    const slack = await getSlack(q);
    if (!slack) throw new ActionError("Slack is not connected (Settings → Integrations)");
    // Escaped whole: a record's text must not become a Slack link or mention.
    const message = escapeMrkdwn(render(config.message, facts.merge));
    return {
      summary: `Post “${message.slice(0, 80)}” to Slack${slack.channel_label ? ` (${slack.channel_label})` : ""}`,
      perform: async (q) => {
        await queueSlackMessage(q, { text: message });
      },
    };
  },
});
