/** The Slack messages NexaCRM sends, in Block Kit (with `text` as the notification's fallback). */
import * as z from "zod";
import type { OrgScope } from "../data/scope.ts";
import { services } from "../data/services.ts";
import { orgPath } from "../http/paths.ts";
import { formatMoney } from "../records/money.ts";

/** What a `slack.post` job carries: a message as Slack's incoming webhooks take it. */
export const SlackMessage = z.object({
  text: z.string().min(1).max(3000),
  blocks: z.array(z.record(z.string(), z.unknown())).max(50).optional(),
});
export type SlackMessage = z.infer<typeof SlackMessage>;

/** Slack's mrkdwn wants these three escaped in text it should not read as markup. */
export const escapeMrkdwn = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** "Deal won" for a deal of the org, read in the transaction that won it; null when it is gone. */
export async function dealWonMessage(q: OrgScope, dealId: string): Promise<SlackMessage | null> {
  const deal = await q.selectFrom("deals")
    .innerJoin("pipelines", "pipelines.id", "deals.pipeline_id")
    .innerJoin("orgs", "orgs.id", "deals.org_id")
    .leftJoin("users", "users.id", "deals.owner_id")
    .leftJoin("companies", (j) => j.onRef("companies.id", "=", "deals.company_id").on("companies.org_id", "=", q.orgId))
    .select(["deals.id", "deals.title", "deals.value_minor", "deals.currency", "orgs.slug"])
    .select(["pipelines.name as pipeline", "users.name as owner", "companies.name as company"])
    .where("deals.id", "=", dealId).where("pipelines.org_id", "=", q.orgId)
    .executeTakeFirst();
  if (!deal) return null;
  const link = services().config.APP_URL + orgPath(deal.slug, "deals", deal.id);
  const amount = formatMoney(Number(deal.value_minor), deal.currency);
  const field = (label: string, value: string | null) => ({
    type: "mrkdwn",
    text: `*${label}*\n${value ? escapeMrkdwn(value) : "—"}`,
  });
  return {
    text: `Deal won: ${deal.title} (${amount})`,
    blocks: [
      {
        type: "section",
        text: { type: "mrkdwn", text: `:trophy: *Deal won:* <${link}|${escapeMrkdwn(deal.title)}>` },
      },
      {
        type: "section",
        fields: [
          field("Amount", amount),
          field("Owner", deal.owner),
          field("Company", deal.company),
          field("Pipeline", deal.pipeline),
        ],
      },
    ],
  };
}

export const testMessage = (orgName: string): SlackMessage => ({
  text: `NexaCRM is connected: deals won in ${orgName} will be posted here.`,
  blocks: [{
    type: "section",
    text: {
      type: "mrkdwn",
      text: `:wave: *NexaCRM is connected.* Deals won in ${escapeMrkdwn(orgName)} will be posted here.`,
    },
  }],
});
