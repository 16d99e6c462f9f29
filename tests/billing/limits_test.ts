import assert from "node:assert/strict";
import { assertCanAddSeat, PlanLimitError } from "@/lib/billing/limits.ts";
import { PLANS } from "@/lib/billing/plans.ts";
import { billingStatus } from "@/lib/billing/status.ts";
import { withOrg } from "@/lib/data/scope.ts";
import { testApp } from "../helpers/app.ts";
import { form, orgWithOwner } from "../helpers/accounts.ts";
import { ageOrg, assertWithinLimit, pastDue } from "../helpers/billing.ts";

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

Deno.test("records: creating past the plan's record limit re-renders the form with the upgrade path", async () => {
  const app = await testApp();
  try {
    const acme = await orgWithOwner(app);
    await ageOrg(acme.org.id, 30);
    const max = PLANS.free.limits.records;
    await withOrg({ orgId: acme.org.id }, async (q) => {
      await q.insertInto("companies", Array.from({ length: max - 1 }, (_, i) => ({ name: `Co ${i}` }))).execute();
      // Deleted records do not count.
      await q.insertInto("contacts", { first_name: "Gone", last_name: "", deleted_at: new Date() }).execute();
    });
    const base = `/app/${acme.org.slug}/contacts/new`;
    assert.equal((await acme.client.fetch(base, form({ first_name: "Last", owner_id: "" }))).status, 303);
    const refused = await acme.client.fetch(base, form({ first_name: "One more", owner_id: "" }));
    assert.equal(refused.status, 422);
    assert.match(await refused.text(), /The Free plan includes 1,000 records\. Upgrade to Pro/);
  } finally {
    await app.close();
  }
});

Deno.test("read-only: changes are refused with the reason; pages, exports and billing stay open", async () => {
  const app = await testApp();
  try {
    const acme = await orgWithOwner(app);
    await pastDue(acme.org.id, 1);
    const base = `/app/${acme.org.slug}`;
    const refused = await acme.client.fetch(`${base}/contacts/new`, form({ first_name: "Nope", owner_id: "" }));
    assert.equal(refused.status, 402);
    assert.match(await refused.text(), /read-only because payment has been failing since/);
    const list = await acme.client.fetch(`${base}/contacts`);
    assert.equal(list.status, 200);
    assert.match(await list.text(), /read-only because payment has been failing/, "the banner says why");
    const billing = await acme.client.fetch(`${base}/settings/billing/portal`, form({}));
    assert.notEqual(billing.status, 402, "the owner can still reach Stripe to fix the payment");
    await billing.body?.cancel();
    assert.equal(
      await withOrg({ orgId: acme.org.id }, (q) => q.selectFrom("contacts").select("id").executeTakeFirst()),
      undefined,
    );
  } finally {
    await app.close();
  }
});
