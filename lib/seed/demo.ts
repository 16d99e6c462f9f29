/** The demo workspace `deno task dev` creates on first run, so there is something to log into. */
import { sql } from "kysely";
import { hashPassword } from "@/lib/auth/password.ts";
import { services } from "@/lib/data/services.ts";
import { orgPath } from "@/lib/http/paths.ts";
import { planOrg } from "./generate.ts";
import { loadOrg, SEED_PASSWORD } from "./seed.ts";
import { insertTarget } from "./targets.ts";

export const DEMO_LOGIN = { email: "demo@nexacrm.test", password: SEED_PASSWORD };
export const DEMO_ORG = { name: "Demo Co", slug: "demo" };

const DEMO_COUNTS = { members: 5, companies: 40, contacts: 150, leads: 40, deals: 120, activities: 400 };

/**
 * Creates the demo owner and "Demo Co" with a few hundred records, through the app role (under
 * row-level security), only when the database has no users yet. Returns the login it made, or null.
 */
export async function ensureDemoOrg(): Promise<{ email: string; password: string; path: string } | null> {
  const { db, driver } = services();
  if (await db.selectFrom("users").select("id").limit(1).executeTakeFirst()) return null;
  const today = new Date(new Date().toISOString().slice(0, 10)).getTime();
  const org = planOrg({
    seed: 1,
    slug: DEMO_ORG.slug,
    name: DEMO_ORG.name,
    owner: { email: DEMO_LOGIN.email, name: "Dana Demo" },
    counts: DEMO_COUNTS,
    now: today,
    passwordHash: await hashPassword(DEMO_LOGIN.password),
  });
  await loadOrg(insertTarget(db, driver), org, () => {});
  // Its history spans two years, but the workspace is new to whoever opens it: a fresh trial.
  await db.updateTable("orgs").set({ created_at: sql`now()` }).where("slug", "=", DEMO_ORG.slug).execute();
  return { ...DEMO_LOGIN, path: orgPath(DEMO_ORG.slug) };
}
