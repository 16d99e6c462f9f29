/**
 * Plan limits and the read-only state, enforced on the server. Each check takes an org id or the
 * caller's `OrgScope` (pass the scope when already inside `withOrg`, so the check runs in that
 * transaction) and throws an HttpError the routes and the API turn into a clear 402.
 */
import { sql } from "kysely";
import { HttpError } from "../fresh/errors.ts";
import { OrgScope } from "../data/scope.ts";
import { orgPath } from "../http/paths.ts";
import { formatLimit, type LimitKey, PAID_PLANS, type Plan, PLANS } from "./plans.ts";
import { type BillingStatus, billingStatus, inOrg, memberCount } from "./status.ts";

export class PlanLimitError extends HttpError {
  constructor(readonly limit: LimitKey, readonly plan: Plan, readonly upgradePath: string, message: string) {
    super(402, message);
  }
}

export function billingPath(slug: string): string {
  return orgPath(slug, "settings", "billing");
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

const RECORD_TABLES = ["companies", "contacts", "leads", "deals"] as const;

/**
 * Before creating `adding` records (companies, contacts, leads and deals count; deleted ones do
 * not). Counting stops just past the limit, so a big org pays for no full count.
 */
export async function assertRecordRoom(q: OrgScope, adding = 1): Promise<void> {
  const status = await billingStatus(q);
  const max = status.plan.limits.records;
  if (max === Infinity) return;
  let count = 0;
  for (const table of RECORD_TABLES) {
    const capped = q.selectFrom(table).select(sql.lit(1).as("one")).where(`${table}.deleted_at`, "is", null)
      .limit(max + 1);
    const { n } = await q.trx.selectFrom(capped.as("capped")).select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    count += Number(n);
    if (count > max) break;
  }
  checkLimit(status, "records", count + adding);
}

/** Before creating a pipeline. */
export async function assertPipelineRoom(q: OrgScope): Promise<void> {
  const { n } = await q.selectFrom("pipelines").select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  checkLimit(await billingStatus(q), "pipelines", Number(n) + 1);
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

/**
 * For every request to an org's pages: while the org is read-only, changes are refused with the
 * reason, except on the billing pages where an owner fixes the payment.
 */
export function assertRequestAllowed(status: BillingStatus, method: string, pathname: string): void {
  if (method === "GET" || method === "HEAD") return;
  if (pathname.startsWith(billingPath(status.org.slug))) return;
  const reason = readOnlyReason(status);
  if (reason) throw new HttpError(402, reason);
}
