/**
 * One-click unsubscribe links (RFC 8058): a token naming the org, the user and the type, signed with
 * HMAC-SHA256 under the key the migration made, so a link cannot be forged for someone else.
 */
import type { Kysely, Transaction } from "kysely";
import type { DB } from "@/db/schema.ts";
import { decodeBase64Url, encodeBase64Url } from "../fresh/base64url.ts";
import { withOrg } from "../data/scope.ts";
import { services } from "../data/services.ts";
import { stopEmails } from "./preferences.ts";
import { UUID } from "../records/fields.ts";
import { isTypeId, type NotificationTypeId } from "./types.ts";

export interface Unsubscription {
  orgId: string;
  userId: string;
  type: NotificationTypeId;
}

let key: Promise<CryptoKey> | undefined;

/** `db`: the caller's transaction when in one (PGlite has a single connection: a second one would wait forever). */
function signingKey(db: Kysely<DB> = services().db): Promise<CryptoKey> {
  key ??= db.selectFrom("notification_secret").select("secret").executeTakeFirstOrThrow()
    .then(({ secret }) =>
      crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
        "sign",
        "verify",
      ])
    ).catch((err) => {
      key = undefined;
      throw err;
    });
  return key;
}

export async function unsubscribeToken(trx: Transaction<DB>, u: Unsubscription): Promise<string> {
  const body = `${u.orgId}.${u.userId}.${u.type}`;
  const mac = await crypto.subtle.sign("HMAC", await signingKey(trx), new TextEncoder().encode(body));
  return `${body}.${encodeBase64Url(new Uint8Array(mac))}`;
}

/** The unsubscription a token names, or null when it is malformed or its signature is wrong. */
export async function readUnsubscribeToken(token: string): Promise<Unsubscription | null> {
  const parts = token.split(".");
  if (parts.length !== 4 || token.length > 300) return null;
  const [orgId, userId, type, mac] = parts;
  if (!isTypeId(type) || !UUID.test(orgId) || !UUID.test(userId)) return null;
  let signature: Uint8Array<ArrayBuffer>;
  try {
    signature = new Uint8Array(decodeBase64Url(mac));
  } catch {
    return null;
  }
  const ok = await crypto.subtle.verify(
    "HMAC",
    await signingKey(),
    signature,
    new TextEncoder().encode(`${orgId}.${userId}.${type}`),
  );
  return ok ? { orgId, userId, type } : null;
}

/**
 * Applies a one-click unsubscribe: that type's emails off for that user in that org (the in-app part stays).
 * Returns the org's name, or null when the token is not valid or the user is no longer a member.
 */
export async function unsubscribe(token: string): Promise<string | null> {
  const u = await readUnsubscribeToken(token);
  if (!u) return null;
  return await withOrg({ orgId: u.orgId, userId: u.userId }, async (q) => {
    const member = await q.selectFrom("memberships").innerJoin("orgs", "orgs.id", "memberships.org_id")
      .select(["memberships.role", "orgs.name"]).where("memberships.user_id", "=", u.userId).executeTakeFirst();
    if (!member) return null;
    await stopEmails(q, u.userId, member.role, u.type);
    return member.name;
  });
}
