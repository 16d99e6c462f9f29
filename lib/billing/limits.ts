/**
 * Plan limits and the read-only state, enforced on the server. Each check takes an org id or the
 * caller's `OrgScope` (pass the scope when already inside `withOrg`, so the check runs in that
 * transaction) and throws an HttpError the routes and the API turn into a clear 402.
 */
import { HttpError } from "../fresh/errors.ts";
import { OrgScope } from "../tenancy/scope.ts";
import { formatLimit, type LimitKey, PAID_PLANS, type Plan, PLANS } from "./plans.ts";
import { type BillingStatus, billingStatus, inOrg, memberCount } from "./status.ts";

export class PlanLimitError extends HttpError {
  constructor(readonly limit: LimitKey, readonly plan: Plan, readonly upgradePath: string, message: string) {
    super(402, message);
  }
}

export function billingPath(slug: string): string {
  return `/app/${slug}/settings/billing`;
}

/** Throws a PlanLimitError when the org would hold `wanted` of `limit`, more than its plan allows. */
export function checkLimit(status: BillingStatus, limit: LimitKey, wanted: number): void {
  const { plan } = status;
  const max = plan.limits[limit];
  if (wanted <= max) return;
  const next = PAID_PLANS.map((id) => PLANS[id]).find((p) => p.limits[limit] > max && p.limits[limit] >= wanted);
  const path = billingPath(status.org.slug);
  const what = status.standing === "trial" ? `Your ${plan.name} trial` : `The ${plan.name} plan`;
  const upgrade = next
    ? `Upgrade to ${next.name} for ${formatLimit(limit, next.limits[limit])}: an owner can do it at ${path}.`
    : "Contact us to raise it.";
  throw new PlanLimitError(limit, plan, path, `${what} includes ${formatLimit(limit, max)}. ${upgrade}`);
}

/**
 * For the data layer, before creating `adding` more of something counted by `limit`
 * (`currentCount` is how many exist now).
 */
export async function assertWithinLimit(
  org: string | OrgScope,
  limit: Exclude<LimitKey, "seats">,
  currentCount: number,
  adding = 1,
): Promise<void> {
  checkLimit(await billingStatus(org), limit, currentCount + adding);
}

/**
 * Before inviting someone (pending invitations hold a seat) or, with `accepting`, before an
 * invitation turns into a membership (its seat is then counted from the members alone).
 */
export async function assertCanAddSeat(org: string | OrgScope, opts: { accepting?: boolean } = {}): Promise<void> {
  await inOrg(org, async (q) => {
    const status = await billingStatus(q);
    const members = await memberCount(q);
    const pending = opts.accepting ? 0 : Number(
      (await q.selectFrom("invitations").select((eb) => eb.fn.countAll<number>().as("n"))
        .where("accepted_at", "is", null).where("revoked_at", "is", null).where("expires_at", ">", new Date())
        .executeTakeFirstOrThrow()).n,
    );
    checkLimit(status, "seats", members + pending + 1);
  });
}

/** Why the org cannot be changed right now, if it cannot. */
export function readOnlyReason(status: BillingStatus): string | null {
  if (!status.dunning?.readOnly) return null;
  const since = status.dunning.since.toISOString().slice(0, 10);
  return `This workspace is read-only because payment has been failing since ${since}. ` +
    `Everything stays visible and exportable; an owner can update the payment method at ` +
    `${billingPath(status.org.slug)} to restore editing.`;
}

/** Throws 402 while the org is read-only (payment failing past the grace period). */
export async function assertWritable(org: string | OrgScope | BillingStatus): Promise<void> {
  const status = typeof org === "string" || org instanceof OrgScope ? await billingStatus(org) : org;
  const reason = readOnlyReason(status);
  if (reason) throw new HttpError(402, reason);
}

/** The plan limits in force, e.g. for the API's daily call quota. */
export async function planLimits(org: string | OrgScope) {
  return (await billingStatus(org)).plan.limits;
}
