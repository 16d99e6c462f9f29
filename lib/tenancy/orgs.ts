/** Organisations: creation (the creator becomes OWNER) and slugs. */
import { z } from "zod";
import { services } from "../services.ts";
import { withOrg } from "./scope.ts";
import { text } from "../http/forms.ts";

export const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;
export const RESERVED_SLUGS = new Set(["new", "api", "admin", "settings", "app", "login", "signup"]);

export const slugField = () =>
  z.string().trim().toLowerCase()
    .regex(SLUG, "Use 1–40 lowercase letters, digits and dashes")
    .refine((s) => !RESERVED_SLUGS.has(s), "This name is reserved");

export const NewOrg = z.object({ name: text(100), slug: slugField().optional() });

export function slugify(name: string): string {
  const base = name.normalize("NFKD").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "")
    .slice(0, 32).replace(/-+$/, "");
  return base && !RESERVED_SLUGS.has(base) ? base : "org";
}

export class SlugTaken extends Error {}

/** Creates the org with `ownerId` as OWNER. Without a slug, one is derived from the name and made unique. */
export async function createOrg(ownerId: string, input: { name: string; slug?: string }) {
  const { db } = services();
  const wanted = input.slug ?? slugify(input.name);
  for (let attempt = 0; attempt < 5; attempt++) {
    const slug = attempt === 0 || input.slug ? wanted : `${wanted}-${crypto.randomUUID().slice(0, 4)}`;
    const org = await db.insertInto("orgs").values({ name: input.name, slug })
      .onConflict((oc) => oc.column("slug").doNothing())
      .returning(["id", "name", "slug"])
      .executeTakeFirst();
    if (org) {
      await withOrg(
        { orgId: org.id, userId: ownerId },
        (q) => q.insertInto("memberships", { user_id: ownerId, role: "OWNER", team: null }).execute(),
      );
      return org;
    }
    if (input.slug) break;
  }
  throw new SlugTaken();
}
