/** Shortcuts for tests: a signed-in user with an org, made through the same lib functions the app uses. */
import type { Role } from "@/db/schema.ts";
import { createAccount } from "@/lib/auth/accounts.ts";
import { createSession, SESSION_COOKIE } from "@/lib/auth/session.ts";
import { createOrg } from "@/lib/tenancy/orgs.ts";
import { withOrg } from "@/lib/data/scope.ts";
import type { TestApp, TestClient } from "./app.ts";

let counter = 0;

export interface SignedIn {
  user: { id: string; email: string; name: string };
  /** A client whose requests carry this user's session cookie. */
  client: TestClient;
}

export async function signedInUser(app: TestApp, name = "Test User"): Promise<SignedIn> {
  const email = `user${++counter}-${crypto.randomUUID().slice(0, 8)}@example.test`;
  const user = await createAccount({ name, email, password: "correct horse battery" }, { verified: true });
  const token = await createSession(user.id, { ip: "127.0.0.1", userAgent: "test" });
  const inner = app.client();
  const client: TestClient = {
    fetch: (path, init = {}) => {
      const headers = new Headers(init.headers);
      const existing = headers.get("cookie");
      headers.set("cookie", `${SESSION_COOKIE}=${token}${existing ? `; ${existing}` : ""}`);
      return inner.fetch(path, { ...init, headers });
    },
  };
  return { user, client };
}

export interface OrgFixture extends SignedIn {
  org: { id: string; name: string; slug: string };
  /** Adds another member with this role and returns them signed in. */
  addMember(role: Role, name?: string): Promise<SignedIn>;
}

export async function orgWithOwner(app: TestApp, orgName = "Acme Inc"): Promise<OrgFixture> {
  const owner = await signedInUser(app, "Olive Owner");
  const org = await createOrg(owner.user.id, { name: orgName });
  return {
    ...owner,
    org,
    async addMember(role, name = `${role.toLowerCase()} member`) {
      const member = await signedInUser(app, name);
      await withOrg(
        { orgId: org.id },
        (q) => q.insertInto("memberships", { user_id: member.user.id, role, team: null }).execute(),
      );
      return member;
    },
  };
}

/** A form POST as a browser on the same origin would send it. */
export function form(values: Record<string, string>): RequestInit {
  return {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: "http://localhost:8000" },
    body: new URLSearchParams(values).toString(),
  };
}
