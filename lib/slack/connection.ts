/**
 * An org's Slack connection: one incoming-webhook URL (made in Slack for the channel of its choice),
 * set and removed by owners and admins under settings → integrations.
 */
import * as z from "zod";
import { audit } from "../audit/log.ts";
import { requirePermission } from "../auth/permissions.ts";
import type { OrgScope } from "../data/scope.ts";
import { optionalText } from "../http/forms.ts";
import type { Actor } from "../tenancy/members.ts";
import { destinationUrl } from "../webhooks/endpoints.ts";

export const SlackInput = z.object({
  webhook_url: destinationUrl(),
  channel_label: optionalText(80).transform((v) => v ?? ""),
});
export type SlackInput = z.output<typeof SlackInput>;

export async function getSlack(q: OrgScope) {
  return await q.selectFrom("slack_connections").select(["webhook_url", "channel_label", "created_at"])
    .executeTakeFirst() ?? null;
}
export type SlackConnection = NonNullable<Awaited<ReturnType<typeof getSlack>>>;

export async function connectSlack(q: OrgScope, actor: Actor, input: SlackInput): Promise<void> {
  requirePermission(actor.role, "integrations.manage");
  await q.insertInto("slack_connections", input)
    .onConflict((oc) => oc.column("org_id").doUpdateSet(input)).execute();
  await audit(q, { actorId: actor.id, action: "slack.connected", target: input.channel_label, ip: actor.ip });
}

export async function disconnectSlack(q: OrgScope, actor: Actor): Promise<void> {
  requirePermission(actor.role, "integrations.manage");
  await q.deleteFrom("slack_connections").execute();
  await audit(q, { actorId: actor.id, action: "slack.disconnected", ip: actor.ip });
}

/** A Slack webhook URL shown without its secret part (the last path segment). */
export const maskedUrl = (url: string) =>
  url.replace(/[^/]{6}([^/]*)$/, (_m, rest: string) => `${"•".repeat(6)}${rest.slice(-4)}`);
