/**
 * What the integrations page shows: each service the org's workspace connects to and its state, read in one
 * transaction (Stripe billing, email delivery, Slack, webhook endpoints, API keys; storage is not built yet).
 */
import { billingStatus } from "../billing/status.ts";
import type { OrgScope } from "../data/scope.ts";
import { services } from "../data/services.ts";
import { getSlack } from "../slack/connection.ts";
import { listEndpoints } from "../webhooks/endpoints.ts";

export async function integrationsOverview(q: OrgScope) {
  const { config } = services();
  const billing = await billingStatus(q);
  const keys = await q.selectFrom("api_keys").select((eb) => eb.fn.countAll<number>().as("n"))
    .where("revoked_at", "is", null)
    .where((eb) => eb.or([eb("expires_at", "is", null), eb("expires_at", ">", new Date())]))
    .executeTakeFirstOrThrow();
  return {
    stripe: { configured: !!config.STRIPE_SECRET_KEY, plan: billing.plan.name, standing: billing.standing },
    email: config.RESEND_API_KEY ? "resend" as const : "mailbox" as const,
    slack: await getSlack(q),
    endpoints: await listEndpoints(q),
    activeApiKeys: Number(keys.n),
  };
}
export type IntegrationsOverview = Awaited<ReturnType<typeof integrationsOverview>>;
