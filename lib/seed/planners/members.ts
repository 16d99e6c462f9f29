/** Members: the owner, admins, and reps in teams; reps own most records. */
import { type Batch, batch, type Row } from "../batches.ts";
import { DAY } from "../random.ts";
import { TEAMS } from "../vocabulary.ts";
import { iso, type OrgContext } from "./context.ts";

export interface Owner {
  email: string;
  /** Given for a named owner (the demo login), who also sells; else a generated name. */
  name?: string;
}

/** Yields the users and their memberships; returns the ids of the sales reps. */
export function* planMembers(
  ctx: OrgContext,
  members: number,
  owner: Owner,
  passwordHash: string,
): Generator<Batch, string[]> {
  const { rnd, orgId, created: orgCreated, now } = ctx;
  ctx.stream("users");
  const users: Row[] = [];
  const memberships: Row[] = [];
  const reps: string[] = [];
  const admins = Math.max(members > 0 ? 1 : 0, Math.round(members / 6));
  for (let i = 0; i <= members; i++) {
    const joined = i === 0 ? orgCreated : rnd.moment(orgCreated, now - 30 * DAY);
    const id = rnd.uuidV7(joined);
    const first = rnd.faker.person.firstName();
    const last = rnd.faker.person.lastName();
    const role = i === 0 ? "OWNER" : i <= admins ? "ADMIN" : "MEMBER";
    const email = i === 0 ? owner.email : `${role === "ADMIN" ? "admin" : "rep"}${i}@${ctx.slug}.nexacrm.test`;
    const fullName = i === 0 && owner.name !== undefined ? owner.name : `${first} ${last}`;
    users.push([id, email, fullName, passwordHash, iso(joined), iso(joined)]);
    memberships.push([orgId, id, role, role === "MEMBER" ? TEAMS[i % TEAMS.length] : null, iso(joined)]);
    // A named owner (the demo login) also sells, so their "my day" has something in it.
    if (role === "MEMBER" || members < 3 || (i === 0 && owner.name !== undefined)) reps.push(id);
  }
  yield batch("users", users);
  yield batch("memberships", memberships);
  return reps;
}
