/**
 * Call one of the org's webhook endpoints with the record: an `automation.rule_matched` delivery, signed,
 * logged and retried like every webhook delivery, whatever event types the endpoint subscribes to.
 */
import * as z from "zod";
import type { OrgScope } from "../../data/scope.ts";
import { queueWebhookCall } from "../../webhooks/queue.ts";
import { recordData } from "../../webhooks/representation.ts";
import { ActionError, defineAction } from "./registry.ts";

export const RULE_MATCHED_EVENT = "automation.rule_matched";

const schema = z.object({ endpoint: z.uuid("Choose an endpoint") });

async function endpointUrl(q: OrgScope, id: string) {
  return (await q.selectFrom("webhook_endpoints").select("url").where("id", "=", id).executeTakeFirst())?.url;
}

defineAction({
  type: "call_webhook",
  label: "Call a webhook",
  records: ["deal", "lead"],
  schema,
  fields: [{
    name: "endpoint",
    label: "Endpoint",
    kind: "select",
    options: "endpoints",
    required: true,
    hint: "An endpoint added under Integrations; it gets automation.rule_matched with the record.",
  }],
  async check(q, config) {
    return await endpointUrl(q, config.endpoint) ? {} : { endpoint: "Choose an endpoint of this organisation" };
  },
  async plan(q, config, { facts, ruleId, ruleName }) {
    const url = await endpointUrl(q, config.endpoint);
    if (!url) throw new ActionError("The webhook endpoint was deleted");
    return {
      summary: `Call ${url} with the ${facts.type} “${facts.title}”`,
      perform: async (q) => {
        const record = await recordData(q, facts.type, facts.id);
        const data = { rule: { id: ruleId, name: ruleName }, record_type: facts.type, record };
        await queueWebhookCall(q, config.endpoint, RULE_MATCHED_EVENT, data);
      },
    };
  },
});
