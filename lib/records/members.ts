/** The org's members, as record owners and task assignees. */
import type { AuthContext } from "../auth/guard.ts";
import { ValidationError } from "../http/forms.ts";
import type { OrgScope } from "../data/scope.ts";
import { inOrg } from "./records.ts";

export interface Member {
  id: string;
  name: string;
  team: string | null;
}

export async function orgMembers(q: OrgScope): Promise<Member[]> {
  return await q.selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.id", "users.name", "memberships.team"])
    .orderBy("users.name")
    .execute();
}

export function membersOf(auth: AuthContext): Promise<Member[]> {
  return inOrg(auth, orgMembers);
}

/** A list page and the org's members (its owner filter) read in one transaction. */
export function withMembers<P>(
  auth: AuthContext,
  list: (q: OrgScope) => Promise<P>,
): Promise<{ page: P; members: Member[] }> {
  return inOrg(auth, async (q) => ({ page: await list(q), members: await orgMembers(q) }));
}

/** Refuses an owner who is not a member of the org (as a field error on `field`). */
export async function requireMember(q: OrgScope, userId: string | null, field = "owner_id"): Promise<void> {
  if (userId === null) return;
  const found = await q.selectFrom("memberships").select("user_id").where("user_id", "=", userId)
    .executeTakeFirst();
  if (!found) throw new ValidationError({ [field]: "Choose a member of this organisation" });
}

/** Names of users by id (for history entries that name people). */
export async function userNames(q: OrgScope, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await q.trx.selectFrom("users").select(["id", "name"]).where("id", "in", [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
