/** Organisations: creation (the creator becomes OWNER) and slugs. */
import * as z from "zod";
import { services } from "../data/services.ts";
import type { Role } from "@/db/schema.ts";
import { audit } from "../audit/log.ts";
import { requirePermission } from "../auth/permissions.ts";
import { text } from "../http/forms.ts";
import { type OrgScope, withOrg } from "../data/scope.ts";
import { timeZoneField } from "../time/zones.ts";

export const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;
export const RESERVED_SLUGS = new Set(["new", "api", "admin", "settings", "app", "login", "signup"]);

export const slugField = () =>
  z.string().trim().toLowerCase()
    .regex(SLUG, "Use 1–40 lowercase letters, digits and dashes")
    .refine((s) => !RESERVED_SLUGS.has(s), "This name is reserved");

/**
 * An empty slug field means "derive one from the name". `time_zone` is the browser's, from a hidden
 * field filled by script; missing or unknown, the org starts in UTC.
 */
export const NewOrg = z.object({
  name: text(100),
  slug: z.string().max(100, "At most 40 characters").transform((v) => v.trim() || undefined)
    .pipe(slugField().optional()).optional(),
  time_zone: timeZoneField().catch("UTC").default("UTC"),
});

export function slugify(name: string): string {
  const base = name.normalize("NFKD").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "")
    .slice(0, 32).replace(/-+$/, "");
  return base && !RESERVED_SLUGS.has(base) ? base : "org";
}

export class SlugTaken extends Error {}

/** Creates the org with `ownerId` as OWNER. Without a slug, one is derived from the name and made unique. */
export async function createOrg(ownerId: string, input: { name: string; slug?: string; time_zone?: string }) {
  const { db } = services();
  const wanted = input.slug ?? slugify(input.name);
  for (let attempt = 0; attempt < 5; attempt++) {
    const slug = attempt === 0 || input.slug ? wanted : `${wanted}-${crypto.randomUUID().slice(0, 4)}`;
    const org = await db.insertInto("orgs").values({ name: input.name, slug, time_zone: input.time_zone ?? "UTC" })
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

export const OrgSettings = z.object({
  name: text(100),
  slug: slugField(),
  visibility: z.enum(["all", "own"], "Choose who sees records"),
  rotting_days: z.coerce.number("Enter a number of days").int("Enter whole days").min(0, "0 or more days")
    .max(365, "At most 365 days"),
  /** Left out, the org keeps its zone. */
  time_zone: timeZoneField().optional(),
});
export type OrgSettings = z.infer<typeof OrgSettings>;

/** Renames the org, changes its slug or its record settings; audited with the changed fields. */
export async function updateOrgSettings(
  q: OrgScope,
  actor: { id: string; role: Role; ip?: string },
  input: OrgSettings,
): Promise<void> {
  requirePermission(actor.role, "settings.manage");
  const before = await q.trx.selectFrom("orgs").select(["name", "slug", "visibility", "rotting_days", "time_zone"])
    .where("id", "=", q.orgId).forUpdate().executeTakeFirstOrThrow();
  const changes = Object.fromEntries(
    (Object.keys(input) as (keyof OrgSettings)[])
      .filter((k) => input[k] !== undefined && before[k] !== input[k])
      .map((k) => [k, { from: before[k], to: input[k] }]),
  );
  if (Object.keys(changes).length === 0) return;
  const updated = await q.trx.updateTable("orgs").set(input).where("id", "=", q.orgId)
    .where(({ not, exists, selectFrom }) =>
      not(exists(
        selectFrom("orgs as other").select("other.id").where("other.slug", "=", input.slug)
          .where("other.id", "!=", q.orgId),
      ))
    )
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) throw new SlugTaken();
  await audit(q, { actorId: actor.id, action: "org.settings_changed", detail: changes, ip: actor.ip });
}

/** Deletes the org and, by cascade, everything it owns. The caller has had the name typed to confirm. */
export async function deleteOrg(q: OrgScope, actor: { role: Role }): Promise<void> {
  requirePermission(actor.role, "org.delete");
  await q.trx.deleteFrom("orgs").where("id", "=", q.orgId).execute();
}
