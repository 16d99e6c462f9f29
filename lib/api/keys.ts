/**
 * API keys of an org, made and revoked by its admins under settings: the secret is shown once and
 * stored as its SHA-256 hash; its first characters stay visible to tell keys apart. Both steps are audited.
 */
import * as z from "zod";
import type { ApiScope } from "@/db/schema.ts";
import { audit } from "../audit/log.ts";
import { requirePermission } from "../auth/permissions.ts";
import { hashToken, newToken } from "../auth/tokens.ts";
import type { OrgScope } from "../data/scope.ts";
import { notFound } from "../fresh/errors.ts";
import { text } from "../http/forms.ts";
import type { Actor } from "../tenancy/members.ts";

/** `nxc_` and 32 base64url characters (192 random bits). */
export const KEY_PATTERN = /^nxc_[A-Za-z0-9_-]{32}$/;
const PREFIX_LENGTH = 12;
const DAY_MS = 86_400_000;

export const EXPIRY_CHOICES = { never: "Never", "30": "In 30 days", "90": "In 90 days", "365": "In a year" } as const;

export const ApiKeyInput = z.object({
  name: text(100),
  scope: z.enum(["read", "write"], { message: "Choose what the key may do" }),
  expires: z.enum(Object.keys(EXPIRY_CHOICES) as [keyof typeof EXPIRY_CHOICES], { message: "Choose an expiry" }),
});
export type ApiKeyInput = z.infer<typeof ApiKeyInput>;

export interface ApiKeySummary {
  id: string;
  name: string;
  prefix: string;
  scope: ApiScope;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
  created_at: Date;
  created_by: string | null;
}

export async function listApiKeys(q: OrgScope): Promise<ApiKeySummary[]> {
  return await q.selectFrom("api_keys")
    .leftJoin("users", "users.id", "api_keys.user_id")
    .select(["api_keys.id", "api_keys.name", "api_keys.prefix", "api_keys.scope", "api_keys.expires_at"])
    .select(["api_keys.last_used_at", "api_keys.revoked_at", "api_keys.created_at", "users.name as created_by"])
    .orderBy("api_keys.id", "desc")
    .execute();
}

/** Makes a key acting as `actor`; returns it with its secret, which is not kept. */
export async function createApiKey(q: OrgScope, actor: Actor, input: ApiKeyInput) {
  requirePermission(actor.role, "integrations.manage");
  const token = `nxc_${newToken(24)}`;
  const expires_at = input.expires === "never" ? null : new Date(Date.now() + Number(input.expires) * DAY_MS);
  const prefix = token.slice(0, PREFIX_LENGTH);
  const { id } = await q.insertInto("api_keys", {
    user_id: actor.id,
    name: input.name,
    prefix,
    token_hash: await hashToken(token),
    scope: input.scope,
    expires_at,
  }).returning("id").executeTakeFirstOrThrow();
  await audit(q, {
    actorId: actor.id,
    action: "api_key.created",
    target: input.name,
    detail: { prefix, scope: input.scope, expires: expires_at?.toISOString().slice(0, 10) ?? "never" },
    ip: actor.ip,
  });
  return { id, token };
}

/** Revokes a key: its next request is refused. */
export async function revokeApiKey(q: OrgScope, actor: Actor, id: string): Promise<void> {
  requirePermission(actor.role, "integrations.manage");
  const key = await q.updateTable("api_keys").set({ revoked_at: new Date() })
    .where("id", "=", id).where("revoked_at", "is", null)
    .returning(["name", "prefix"]).executeTakeFirst();
  if (!key) throw notFound("No such key, or it is already revoked");
  await audit(q, {
    actorId: actor.id,
    action: "api_key.revoked",
    target: key.name,
    detail: { prefix: key.prefix },
    ip: actor.ip,
  });
}
