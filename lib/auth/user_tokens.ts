/** Single-use, expiring tokens mailed to a user (email verification, password reset, email change). */
import type { Kysely, Transaction } from "kysely";
import type { DB, UserTokensTable } from "@/db/schema.ts";
import { services } from "../data/services.ts";
import { hashToken, newToken } from "./tokens.ts";

export type TokenPurpose = UserTokensTable["purpose"];

export const TOKEN_TTL_MS: Record<TokenPurpose, number> = {
  verify_email: 48 * 3600_000,
  reset_password: 3600_000,
  change_email: 24 * 3600_000,
};

/** A new token for `purpose`, in the transaction that mails it; earlier unused ones for the same purpose stop working. */
export async function issueUserToken(
  trx: Transaction<DB>,
  userId: string,
  purpose: TokenPurpose,
  payload = "",
): Promise<string> {
  const token = newToken();
  await trx.deleteFrom("user_tokens")
    .where("user_id", "=", userId).where("purpose", "=", purpose).where("used_at", "is", null)
    .execute();
  await trx.insertInto("user_tokens").values({
    token_hash: await hashToken(token),
    user_id: userId,
    purpose,
    payload,
    expires_at: new Date(Date.now() + TOKEN_TTL_MS[purpose]),
  }).execute();
  return token;
}

/** Uses the token up (at most once, before it expires): its user and payload, or null. */
export async function consumeUserToken(token: string, purpose: TokenPurpose, db: Kysely<DB> = services().db) {
  if (!token || token.length > 64) return null;
  return await db.updateTable("user_tokens")
    .set({ used_at: new Date() })
    .where("token_hash", "=", await hashToken(token))
    .where("purpose", "=", purpose)
    .where("used_at", "is", null)
    .where("expires_at", ">", new Date())
    .returning(["user_id as userId", "payload"])
    .executeTakeFirst() ?? null;
}

/** Whether the token would still be accepted (to show its form, or say the link has expired). */
export async function isUsableToken(token: string, purpose: TokenPurpose): Promise<boolean> {
  if (!token || token.length > 64) return false;
  const row = await services().db.selectFrom("user_tokens").select("user_id")
    .where("token_hash", "=", await hashToken(token))
    .where("purpose", "=", purpose)
    .where("used_at", "is", null)
    .where("expires_at", ">", new Date())
    .executeTakeFirst();
  return !!row;
}
