/** Billing emails to an org's owners: payment failed (dunning), payment needs confirming, trial ending. */
import { queueEmail } from "../email/jobs.ts";
import { services } from "../data/services.ts";
import type { OrgScope } from "../data/scope.ts";
import { billingPath } from "./limits.ts";
import type { BillingStatus } from "./status.ts";

export type Notice =
  | { kind: "payment_failed" }
  | { kind: "action_required"; invoiceUrl: string | null }
  | { kind: "trial_will_end"; trialEnd: Date | null };

export async function ownerEmails(q: OrgScope): Promise<string[]> {
  const rows = await q.selectFrom("memberships").innerJoin("users", "users.id", "memberships.user_id")
    .select("users.email").where("memberships.role", "=", "OWNER").execute();
  return rows.map((r) => r.email);
}

const day = (d: Date) => d.toLocaleDateString("en-US", { year: "numeric", month: "long", day: "numeric" });

function compose(notice: Notice, status: BillingStatus): { subject: string; text: string } {
  const org = status.org.name;
  const billingUrl = new URL(billingPath(status.org.slug), services().config.APP_URL).href;
  switch (notice.kind) {
    case "payment_failed": {
      const deadline = status.dunning ? ` before ${day(status.dunning.readOnlyFrom)}` : "";
      return {
        subject: `Payment failed for ${org}`,
        text: `We could not collect the payment for ${org}'s ${status.plan.name} subscription on NexaCRM. ` +
          `Stripe retries it automatically, but please update the payment method${deadline}: after that the ` +
          `workspace becomes read-only until a payment succeeds. Nothing is deleted, and everything stays ` +
          `visible and exportable.\n\nUpdate the payment method: ${billingUrl}\n`,
      };
    }
    case "action_required":
      return {
        subject: `Confirm the payment for ${org}`,
        text: `Your bank asks you to confirm the payment for ${org}'s NexaCRM subscription.\n\n` +
          `Confirm it here: ${notice.invoiceUrl ?? billingUrl}\n`,
      };
    case "trial_will_end":
      return {
        subject: `${org}'s trial ends soon`,
        text: `The trial of ${org}'s ${status.plan.name} subscription ends` +
          `${notice.trialEnd ? ` on ${day(notice.trialEnd)}` : " soon"}. ` +
          `Make sure a payment method is on file to keep your plan: ${billingUrl}\n`,
      };
  }
}

/** Queues each notice to each owner of the org, in the transaction that records what they report. */
export async function queueNotices(q: OrgScope, notices: Notice[], status: BillingStatus): Promise<void> {
  const owners = await ownerEmails(q);
  for (const notice of notices) {
    const message = compose(notice, status);
    for (const to of owners) await queueEmail(q, { to, ...message });
  }
}
