/** Members as actions name them. */
import type { OrgScope } from "../../data/scope.ts";

/** The member's name, or null when the user is not a member of the org. */
export async function memberName(q: OrgScope, userId: string): Promise<string | null> {
  const row = await q.selectFrom("memberships").innerJoin("users", "users.id", "memberships.user_id")
    .select("users.name").where("memberships.user_id", "=", userId).executeTakeFirst();
  return row?.name ?? null;
}

/** A team's members, in a stable order (the round robin's). */
export async function teamMembers(q: OrgScope, team: string): Promise<{ id: string; name: string }[]> {
  return await q.selectFrom("memberships").innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.id", "users.name"]).where("memberships.team", "=", team).orderBy("users.id").execute();
}
