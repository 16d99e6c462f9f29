/**
 * Members of an org and the rules on them: only owners grant or take away OWNER, the last owner
 * can neither leave nor be demoted, and a departing member's records stay, reassigned or unowned.
 */
import type { Role } from "@/db/schema.ts";
import { audit } from "../audit/log.ts";
import { can, requirePermission } from "../auth/permissions.ts";
import { notFound } from "../fresh/errors.ts";
import type { OwnedTable } from "../records/visibility.ts";
import type { OrgScope } from "../data/scope.ts";

/** A rule stopped the change; the message is for the person who asked. */
export class MemberRuleError extends Error {}

export interface Actor {
  id: string;
  role: Role;
  ip?: string;
}

const OWNED_TABLES: OwnedTable[] = ["companies", "contacts", "leads", "deals", "activities"];

export async function listMembers(q: OrgScope) {
  return await q.selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.id", "users.name", "users.email", "memberships.role", "memberships.team", "memberships.created_at"])
    .orderBy("users.name").orderBy("users.id")
    .execute();
}

export type Member = Awaited<ReturnType<typeof listMembers>>[number];

/** One member (locked for the rest of the transaction), or null. `userId` must be a UUID. */
export async function getMember(q: OrgScope, userId: string): Promise<Member | null> {
  return await q.selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.id", "users.name", "users.email", "memberships.role", "memberships.team", "memberships.created_at"])
    .where("memberships.user_id", "=", userId)
    .forUpdate("memberships")
    .executeTakeFirst() ?? null;
}

/** How many owners the org has, with their rows locked so two demotions cannot both pass. */
async function ownerCount(q: OrgScope): Promise<number> {
  const owners = await q.selectFrom("memberships").select("user_id").where("role", "=", "OWNER").forUpdate()
    .execute();
  return owners.length;
}

export async function changeRole(q: OrgScope, actor: Actor, userId: string, role: Role): Promise<void> {
  const target = await getMember(q, userId);
  if (!target) throw notFound();
  requirePermission(actor.role, role === "OWNER" || target.role === "OWNER" ? "members.grant_owner" : "members.manage");
  if (target.role === role) return;
  if (target.role === "OWNER" && await ownerCount(q) <= 1) {
    throw new MemberRuleError("The last owner cannot be demoted: make someone else an owner first.");
  }
  await q.updateTable("memberships").set({ role }).where("user_id", "=", userId).execute();
  await audit(q, {
    actorId: actor.id,
    action: "member.role_changed",
    target: target.email,
    detail: { from: target.role, to: role },
    ip: actor.ip,
  });
}

/**
 * Puts a member in a team (`null`: none). With the org's `visibility = 'own'`, members see the
 * records of their teammates as well as their own (lib/records/visibility.ts).
 */
export async function setTeam(q: OrgScope, actor: Actor, userId: string, team: string | null): Promise<void> {
  requirePermission(actor.role, "members.manage");
  const target = await getMember(q, userId);
  if (!target) throw notFound();
  if (target.team === team) return;
  await q.updateTable("memberships").set({ team }).where("user_id", "=", userId).execute();
  await audit(q, {
    actorId: actor.id,
    action: "member.team_changed",
    target: target.email,
    detail: { from: target.team ?? "no team", to: team ?? "no team" },
    ip: actor.ip,
  });
}

/** The teams the org's members are in, by name. */
export async function listTeams(q: OrgScope): Promise<string[]> {
  const rows = await q.selectFrom("memberships").select("team").distinct().where("team", "is not", null)
    .orderBy("team").execute();
  return rows.map((r) => r.team!);
}

/**
 * Takes `userId` out of the org. Their companies, contacts, leads, deals and activities stay,
 * owned by `reassignTo` (a remaining member) or by no one. Checks the org's rules, not the
 * caller's permission (see `removeMemberAs` and `leaveOrg`).
 */
export async function removeMember(q: OrgScope, userId: string, reassignTo: string | null): Promise<number> {
  const target = await getMember(q, userId);
  if (!target) throw notFound();
  if (target.role === "OWNER" && await ownerCount(q) <= 1) {
    throw new MemberRuleError("The last owner cannot leave or be removed: make someone else an owner first.");
  }
  if (reassignTo !== null && (reassignTo === userId || !await getMember(q, reassignTo))) {
    throw new MemberRuleError("Records can only be reassigned to another member of this organisation.");
  }
  let moved = 0;
  for (const table of OWNED_TABLES) {
    const res = await q.updateTable(table).set({ owner_id: reassignTo }).where("owner_id", "=", userId)
      .executeTakeFirst();
    moved += Number(res.numUpdatedRows);
  }
  await q.deleteFrom("memberships").where("user_id", "=", userId).execute();
  return moved;
}

/** An admin removes a member (only an owner removes an owner). */
export async function removeMemberAs(q: OrgScope, actor: Actor, userId: string, reassignTo: string | null) {
  const target = await getMember(q, userId);
  if (!target) throw notFound();
  requirePermission(actor.role, target.role === "OWNER" ? "members.grant_owner" : "members.manage");
  const records = await removeMember(q, userId, reassignTo);
  await audit(q, {
    actorId: actor.id,
    action: "member.removed",
    target: target.email,
    detail: { role: target.role, records, reassignedTo: reassignTo },
    ip: actor.ip,
  });
}

export async function leaveOrg(q: OrgScope, actor: Actor, reassignTo: string | null) {
  const records = await removeMember(q, actor.id, reassignTo);
  await audit(q, {
    actorId: actor.id,
    action: "member.left",
    detail: { records, reassignedTo: reassignTo },
    ip: actor.ip,
  });
}

/** The owner hands ownership to another member and stays on as an admin. */
export async function transferOwnership(q: OrgScope, actor: Actor, toUserId: string): Promise<void> {
  requirePermission(actor.role, "org.transfer");
  const target = toUserId === actor.id ? null : await getMember(q, toUserId);
  if (!target) throw new MemberRuleError("Choose another member of this organisation.");
  await q.updateTable("memberships").set({ role: "OWNER" }).where("user_id", "=", toUserId).execute();
  await q.updateTable("memberships").set({ role: "ADMIN" }).where("user_id", "=", actor.id).execute();
  await audit(q, {
    actorId: actor.id,
    action: "org.ownership_transferred",
    target: target.email,
    detail: { previousRole: target.role },
    ip: actor.ip,
  });
}

/** The roles `actor` may give (only owners grant OWNER). */
export function grantableRoles(role: Role): Role[] {
  return can(role, "members.grant_owner") ? ["MEMBER", "ADMIN", "OWNER"] : ["MEMBER", "ADMIN"];
}
