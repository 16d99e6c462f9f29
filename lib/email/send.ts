/**
 * Outgoing email. Every message is stored in `emails` (the dev mailbox reads it); with
 * `RESEND_API_KEY` set it is also sent through Resend and marked sent.
 */
import { Resend } from "resend";
import { services } from "../data/services.ts";

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

let client: { key: string; resend: Resend } | undefined;

function resend(key: string): Resend {
  if (client?.key !== key) client = { key, resend: new Resend(key) };
  return client.resend;
}

export class EmailNotSent extends Error {}

export async function sendEmail(msg: EmailMessage): Promise<void> {
  const { db, config } = services();
  const html = msg.html ?? "";
  const row = await db.insertInto("emails")
    .values({ to_address: msg.to, subject: msg.subject, text_body: msg.text, html_body: html })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (!config.RESEND_API_KEY) return;
  const { data, error } = await resend(config.RESEND_API_KEY).emails.send({
    from: config.EMAIL_FROM,
    to: msg.to,
    subject: msg.subject,
    text: msg.text,
    ...(html ? { html } : {}),
  });
  if (error || !data) throw new EmailNotSent(`Resend refused the email: ${error?.message ?? "no id returned"}`);
  await db.updateTable("emails").set({ provider_id: data.id, sent_at: new Date() }).where("id", "=", row.id).execute();
}
