import assert from "node:assert/strict";
import { assertCanAddSeat, assertWithinLimit, PlanLimitError } from "@/lib/billing/limits.ts";
import { PLANS } from "@/lib/billing/plans.ts";
import { billingStatus } from "@/lib/billing/status.ts";
import { withOrg } from "@/lib/tenancy/scope.ts";
import { testApp } from "../helpers/app.ts";
import { orgWithOwner } from "../helpers/fixtures.ts";
import { ageOrg } from "./setup.ts";

function limitError(limit: string, pattern: RegExp) {
  return (err: unknown) => {
    assert.ok(err instanceof PlanLimitError, String(err));
    assert.equal(err.status, 402);
    assert.equal(err.limit, limit);
    assert.match(err.message, pattern);
    return true;
  };
}

Deno.test("limits: a trial has Pro's limits; after it the org falls to Free's, with an upgrade path", async () => {
  const app = await testApp();
  try {
    const acme = await orgWithOwner(app);
    const status = await billingStatus(acme.org.id);
    assert.equal(status.standing, "trial");
    assert.equal(status.trialDaysLeft, 14);
    assert.equal(status.plan.id, "pro");
    await assertWithinLimit(acme.org.id, "pipelines", 5);
    await assertWithinLimit(acme.org.id, "records", 5_000, 100);

    await ageOrg(acme.org.id, 15);
    assert.equal((await billingStatus(acme.org.id)).plan.id, "free");
    await assertWithinLimit(acme.org.id, "pipelines", 0);
    const path = `/app/${acme.org.slug}/settings/billing`;
    await assert.rejects(
      assertWithinLimit(acme.org.id, "pipelines", 1),
      limitError(
        "pipelines",
        new RegExp(`The Free plan includes 1 pipeline\\. Upgrade to Pro for 10 pipelines.*${path}`),
      ),
    );
    // Inside the caller's transaction, with its scope.
    await assert.rejects(
      withOrg({ orgId: acme.org.id }, (q) => assertWithinLimit(q, "records", PLANS.free.limits.records)),
      limitError("records", /Free plan includes 1,000 records/),
    );
    await assert.rejects(
      assertWithinLimit(acme.org.id, "records", 900, 200),
      limitError("records", /Upgrade to Pro/),
      "a bulk import counts every row it adds",
    );
  } finally {
    await app.close();
  }
});

Deno.test("seats: pending invitations hold a seat; accepting one is checked against members only", async () => {
  const app = await testApp();
  try {
    const acme = await orgWithOwner(app);
    await ageOrg(acme.org.id, 30);
    await acme.addMember("MEMBER");
    await withOrg({ orgId: acme.org.id }, (q) =>
      q.insertInto("invitations", {
        email: "pending@example.test",
        role: "MEMBER",
        token_hash: crypto.randomUUID(),
        expires_at: new Date(Date.now() + 86_400_000),
      }).execute());
    await assert.rejects(assertCanAddSeat(acme.org.id), limitError("seats", /Free plan includes 3 seats/));
    await withOrg({ orgId: acme.org.id }, (q) => assertCanAddSeat(q, { accepting: true }));
  } finally {
    await app.close();
  }
});
