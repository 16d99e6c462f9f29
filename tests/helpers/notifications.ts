/** Notification tests' world: an org with an owner, an admin and a rep, deals made as a given member, and reads. */
import { createDeal } from "@/lib/deals/deals.ts";
import { setOutcome } from "@/lib/deals/outcome.ts";
import { choosePipeline } from "@/lib/pipelines/pipelines.ts";
import { type OrgScope, withOrg } from "@/lib/data/scope.ts";
import { services } from "@/lib/data/services.ts";
import type { TestApp } from "./app.ts";
import { type OrgFixture, orgWithOwner, type SignedIn } from "./accounts.ts";
import { drainJobs } from "./jobs.ts";

export interface Team extends OrgFixture {
  admin: SignedIn;
  rep: SignedIn;
  /** Runs `fn` in the org as `as`. */
  as<R>(as: SignedIn, fn: (q: OrgScope) => Promise<R>): Promise<R>;
  /** A deal made by `by`, owned by `owner`. */
  deal(by: SignedIn, owner: SignedIn, title: string): Promise<string>;
  won(by: SignedIn, dealId: string): Promise<void>;
}

const viewerOf = (orgId: string, who: SignedIn, role: "OWNER" | "ADMIN" | "MEMBER") => ({
  user: { id: who.user.id },
  org: { id: orgId, visibility: "all" as const, currency: "USD", rotting_days: 14 },
  role,
  team: null,
});

export async function team(app: TestApp, orgName = "Acme"): Promise<Team> {
  const fixture = await orgWithOwner(app, orgName);
  const admin = await fixture.addMember("ADMIN", "Ada Admin");
  const rep = await fixture.addMember("MEMBER", "Rita Rep");
  const as = <R>(who: SignedIn, fn: (q: OrgScope) => Promise<R>) =>
    withOrg({ orgId: fixture.org.id, userId: who.user.id }, fn);
  return {
    ...fixture,
    admin,
    rep,
    as,
    deal: (by, owner, title) =>
      as(by, async (q) => {
        const { pipeline } = await choosePipeline(q);
        const input = {
          title,
          value: 100_00,
          expected_close_date: null,
          stage_id: pipeline.stages[0].id,
          owner_id: owner.user.id,
          company: null,
          contact: null,
        };
        return (await createDeal(q, viewerOf(fixture.org.id, by, "ADMIN"), input)).id;
      }),
    won: async (by, dealId) => {
      await as(by, (q) => setOutcome(q, viewerOf(fixture.org.id, by, "ADMIN"), dealId, { outcome: "won" }));
    },
  };
}

/** Runs the due jobs, then the recipient's notifications in the org, oldest first. */
export async function notificationsOf(orgId: string, who: SignedIn) {
  await drainJobs();
  return await withOrg(
    { orgId, userId: who.user.id },
    (q) => q.selectFrom("notifications").selectAll().where("recipient_id", "=", who.user.id).orderBy("id").execute(),
  );
}

/** Delivered emails to `who`, oldest first. */
export async function emailsTo(who: SignedIn) {
  await drainJobs();
  return await services().db.selectFrom("emails").selectAll().where("to_address", "=", who.user.email)
    .where("sent_at", "is not", null).orderBy("id").execute();
}
