/**
 * The one auth guard: resolves `{user, org, role}` for a request and enforces the least role.
 * It is the only place that decides membership; `/app/[org]/_middleware` calls it.
 */
import type { Role } from "@/db/schema.ts";
import { HttpError } from "../fresh/errors.ts";
import { asUser, type OrgRow, type OrgScope, withOrgBySlug } from "../data/scope.ts";
import { atLeast } from "./permissions.ts";
import { type SessionUser, sessionUser } from "./session.ts";

export type OrgInfo = OrgRow;

export interface AuthContext {
  user: SessionUser;
  org: OrgInfo;
  role: Role;
  team: string | null;
}

export class NotSignedIn extends HttpError {
  constructor() {
    super(401, "Sign in to continue");
  }
}

export async function requireUser(req: Request): Promise<SessionUser> {
  const user = await sessionUser(req);
  if (!user) throw new NotSignedIn();
  return user;
}

/**
 * Membership of `user` in the org with this slug, or a 404 that does not say whether the org exists.
 * `alongside` reads what the caller needs of the org in the same tenant transaction once membership
 * is proven (the middleware reads the billing standing there: one transaction per guard, not two).
 */
export async function resolveMembership<T = undefined>(
  user: SessionUser,
  slug: string,
  minRole: Role = "MEMBER",
  alongside?: (q: OrgScope, auth: AuthContext) => Promise<T>,
): Promise<AuthContext & { alongside: T }> {
  const resolved = await withOrgBySlug(slug, user.id, async (q, org) => {
    const membership = await q.selectFrom("memberships").select(["role", "team"])
      .where("user_id", "=", user.id)
      .executeTakeFirst();
    if (!membership) throw new HttpError(404, "Not found");
    if (!atLeast(membership.role, minRole)) throw new HttpError(403, "You do not have permission to do that");
    const auth: AuthContext = { user, org, role: membership.role, team: membership.team };
    return { ...auth, alongside: (alongside ? await alongside(q, auth) : undefined) as T };
  });
  if (!resolved) throw new HttpError(404, "Not found");
  return resolved;
}

export async function guard<T = undefined>(
  req: Request,
  slug: string,
  minRole: Role = "MEMBER",
  alongside?: (q: OrgScope, auth: AuthContext) => Promise<T>,
): Promise<AuthContext & { alongside: T }> {
  return await resolveMembership(await requireUser(req), slug, minRole, alongside);
}

/** The orgs a user belongs to, for the switcher. */
export async function userOrgs(userId: string) {
  return await asUser(userId, (trx) =>
    trx.selectFrom("memberships")
      .innerJoin("orgs", "orgs.id", "memberships.org_id")
      .select(["orgs.id", "orgs.name", "orgs.slug", "memberships.role"])
      .where("memberships.user_id", "=", userId)
      .orderBy("orgs.name")
      .execute());
}
