/** The Slack panel's buttons as one validated form: connect (with the URL), send a test message, disconnect. */
import * as z from "zod";
import type { OrgScope } from "../data/scope.ts";
import type { FieldErrors, FormValues } from "../http/forms.ts";
import { fieldErrors } from "../http/forms.ts";
import type { Actor } from "../tenancy/members.ts";
import { connectSlack, disconnectSlack, SlackInput } from "./connection.ts";
import { queueSlackMessage } from "./jobs.ts";
import { testMessage } from "./messages.ts";

export const SlackAction = z.discriminatedUnion("intent", [
  SlackInput.extend({ intent: z.literal("slack_connect") }),
  z.object({ intent: z.literal("slack_test") }),
  z.object({ intent: z.literal("slack_disconnect") }),
], { message: "Unknown action" });

/** Runs the form's action: the notice to show, or field errors. */
export async function runSlackAction(
  q: OrgScope,
  actor: Actor,
  orgName: string,
  values: FormValues,
): Promise<{ notice: string } | { errors: FieldErrors }> {
  const parsed = SlackAction.safeParse(values);
  if (!parsed.success) return { errors: fieldErrors(parsed.error) };
  const action = parsed.data;
  switch (action.intent) {
    case "slack_connect":
      await connectSlack(q, actor, { webhook_url: action.webhook_url, channel_label: action.channel_label });
      return { notice: "slack_connected" };
    case "slack_test":
      return { notice: await queueSlackMessage(q, testMessage(orgName)) ? "slack_test" : "slack_missing" };
    case "slack_disconnect":
      await disconnectSlack(q, actor);
      return { notice: "slack_disconnected" };
  }
}
