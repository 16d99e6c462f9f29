/**
 * Outgoing email. A message is stored in `emails` by the transaction that causes it (so a change
 * that rolls back sends nothing) and delivered by a job (jobs.ts): through Resend when
 * `RESEND_API_KEY` is set, else into the dev mailbox. Either way `sent_at` marks it delivered.
 */
import type { Transaction } from "kysely";
import { Resend } from "resend";
import type { DB } from "@/db/schema.ts";
import { services } from "../data/services.ts";

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Extra headers, e.g. List-Unsubscribe. */
  headers?: Record<string, string>;
}

let client: { key: string; resend: Resend } | undefined;

function resend(key: string): Resend {
  if (client?.key !== key) client = { key, resend: new Resend(key) };
  return client.resend;
}

export class EmailNotSent extends Error {}

/** Stores the message, not yet delivered; returns its id. */
export async function storeEmail(trx: Transaction<DB>, msg: EmailMessage): Promise<string> {
  const row = await trx.insertInto("emails")
    .values({
      to_address: msg.to,
      subject: msg.subject,
      text_body: msg.text,
      html_body: msg.html ?? "",
      headers: JSON.stringify(msg.headers ?? {}),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Delivers a stored message once: a delivered one is left alone, and Resend gets the email's id as
 * its idempotency key, so a retry after a lost answer does not send it twice.
 */
export async function deliverEmail(id: string): Promise<void> {
  const { db, config } = services();
  const email = await db.selectFrom("emails").selectAll().where("id", "=", id).executeTakeFirst();
  if (!email) throw new EmailNotSent(`no stored email ${id}`);
  if (email.sent_at) return;
  let providerId: string | null = null;
  if (config.RESEND_API_KEY) {
    const { data, error } = await resend(config.RESEND_API_KEY).emails.send({
      from: config.EMAIL_FROM,
      to: email.to_address,
      subject: email.subject,
      text: email.text_body,
      ...(email.html_body ? { html: email.html_body } : {}),
      ...(Object.keys(email.headers).length ? { headers: email.headers } : {}),
    }, { idempotencyKey: `email-${id}` });
    if (error || !data) throw new EmailNotSent(`Resend refused the email: ${error?.message ?? "no id returned"}`);
    providerId = data.id;
  }
  await db.updateTable("emails").set({ provider_id: providerId, sent_at: new Date() }).where("id", "=", id).execute();
}
