/**
 * Sessions: a random token in a `__Host-` cookie, stored only as its hash; rotated at sign-in,
 * ended after 7 idle days or 30 days in all.
 */
import { services } from "../data/services.ts";
import { hashToken, newToken } from "./tokens.ts";

export const SESSION_COOKIE = "__Host-nexa_session";
export const IDLE_MS = 7 * 24 * 3600_000;
export const ABSOLUTE_MS = 30 * 24 * 3600_000;
/** last_seen_at is written at most this often, so reads stay reads. */
const TOUCH_MS = 5 * 60_000;

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  emailVerified: boolean;
  sessionHash: string;
}

export function readCookie(req: Request, cookie: string): string | null {
  const header = req.headers.get("cookie") ?? "";
  for (const part of header.split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === cookie) return value.join("=") || null;
  }
  return null;
}

export function readSessionToken(req: Request): string | null {
  return readCookie(req, SESSION_COOKIE);
}

export function sessionCookie(token: string): string {
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=${ABSOLUTE_MS / 1000}`;
}

export function clearSessionCookie(): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=0`;
}

export async function createSession(
  userId: string,
  meta: { ip: string; userAgent: string },
  replacing?: string | null,
): Promise<string> {
  const { db } = services();
  const token = newToken();
  const now = Date.now();
  await db.transaction().execute(async (trx) => {
    if (replacing) await trx.deleteFrom("sessions").where("token_hash", "=", await hashToken(replacing)).execute();
    await trx.insertInto("sessions").values({
      token_hash: await hashToken(token),
      user_id: userId,
      expires_at: new Date(now + ABSOLUTE_MS),
      last_seen_at: new Date(now),
      ip: meta.ip,
      user_agent: meta.userAgent.slice(0, 300),
    }).execute();
  });
  return token;
}

export async function sessionUser(req: Request): Promise<SessionUser | null> {
  const token = readSessionToken(req);
  if (!token || token.length > 64) return null;
  const { db } = services();
  const hash = await hashToken(token);
  const row = await db.selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select([
      "users.id",
      "users.email",
      "users.name",
      "users.email_verified_at",
      "sessions.last_seen_at",
      "sessions.expires_at",
    ])
    .where("sessions.token_hash", "=", hash)
    .executeTakeFirst();
  if (!row) return null;
  const now = Date.now();
  if (row.expires_at.getTime() <= now || row.last_seen_at.getTime() + IDLE_MS <= now) {
    await db.deleteFrom("sessions").where("token_hash", "=", hash).execute();
    return null;
  }
  if (now - row.last_seen_at.getTime() > TOUCH_MS) {
    await db.updateTable("sessions").set({ last_seen_at: new Date(now) }).where("token_hash", "=", hash).execute();
  }
  return { id: row.id, email: row.email, name: row.name, emailVerified: !!row.email_verified_at, sessionHash: hash };
}

export async function endSession(req: Request) {
  const token = readSessionToken(req);
  if (token) await services().db.deleteFrom("sessions").where("token_hash", "=", await hashToken(token)).execute();
}

/** A user's live sessions, most recently used first. */
export async function listSessions(userId: string) {
  return await services().db.selectFrom("sessions")
    .select(["token_hash as id", "created_at", "last_seen_at", "ip", "user_agent"])
    .where("user_id", "=", userId)
    .where("expires_at", ">", new Date())
    .where("last_seen_at", ">", new Date(Date.now() - IDLE_MS))
    .orderBy("last_seen_at", "desc")
    .execute();
}

/** Ends one of the user's sessions (`only`), or all of them but `except`; returns how many ended. */
export async function endSessions(userId: string, which: { only?: string; except?: string }): Promise<number> {
  let q = services().db.deleteFrom("sessions").where("user_id", "=", userId);
  if (which.only !== undefined) q = q.where("token_hash", "=", which.only);
  if (which.except !== undefined) q = q.where("token_hash", "!=", which.except);
  const res = await q.executeTakeFirst();
  return Number(res.numDeletedRows);
}
