/** Reading delivered emails in the dev mailbox (a stored email arrives once its job has run). */
import * as z from "zod";
import { services } from "../data/services.ts";

export async function listEmails(opts: { to?: string; limit?: number } = {}) {
  let q = services().db.selectFrom("emails")
    .select(["id", "to_address", "subject", "created_at", "sent_at"])
    .where("sent_at", "is not", null)
    .orderBy("id", "desc")
    .limit(opts.limit ?? 100);
  if (opts.to) q = q.where((eb) => eb(eb.fn("lower", [eb.ref("to_address")]), "=", opts.to!.toLowerCase()));
  return await q.execute();
}

export async function getEmail(id: string) {
  if (!z.uuid().safeParse(id).success) return null;
  return await services().db.selectFrom("emails").selectAll().where("id", "=", id).where("sent_at", "is not", null)
    .executeTakeFirst() ?? null;
}

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * The dev mailbox shows every stored email (reset and invitation links included), so it is open
 * only where mail is not really sent, outside production, and on an app served from this machine:
 * a deployment that forgets DENO_ENV still has a public APP_URL.
 */
export function mailboxEnabled(): boolean {
  const { config } = services();
  return !config.RESEND_API_KEY && config.DENO_ENV !== "production" &&
    LOCAL_HOSTS.has(new URL(config.APP_URL).hostname);
}
