/** Reading stored emails for the dev mailbox. */
import { z } from "zod";
import { services } from "../services.ts";

export async function listEmails(opts: { to?: string; limit?: number } = {}) {
  let q = services().db.selectFrom("emails")
    .select(["id", "to_address", "subject", "created_at", "sent_at"])
    .orderBy("id", "desc")
    .limit(opts.limit ?? 100);
  if (opts.to) q = q.where((eb) => eb(eb.fn("lower", [eb.ref("to_address")]), "=", opts.to!.toLowerCase()));
  return await q.execute();
}

export async function getEmail(id: string) {
  if (!z.uuid().safeParse(id).success) return null;
  return await services().db.selectFrom("emails").selectAll().where("id", "=", id).executeTakeFirst() ?? null;
}

/** The dev mailbox is open only where mail is not really sent, and never in production. */
export function mailboxEnabled(): boolean {
  const { config } = services();
  return !config.RESEND_API_KEY && config.DENO_ENV !== "production";
}
