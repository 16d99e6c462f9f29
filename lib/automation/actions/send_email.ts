/** Send an email to the record's owner, its contact, or a fixed address, from subject and body templates. */
import * as z from "zod";
import { queueEmail } from "../../email/jobs.ts";
import { email, text } from "../../http/forms.ts";
import { render, renderLine, templateError, textToHtml } from "../templates.ts";
import { ActionError, defineAction } from "./registry.ts";

const RECIPIENTS = { owner: "the record's owner", contact: "the contact", address: "a fixed address" } as const;
const validAddress = z.email();

const schema = z.object({
  to: z.enum(["owner", "contact", "address"], "Choose who gets the email"),
  address: z.union([z.literal(""), email()]).optional().transform((v) => v || null),
  subject: text(200).refine((s) => !/[\r\n]/.test(s), "One line only"),
  body: text(5000),
}).refine((c) => c.to !== "address" || c.address, { message: "Enter the address", path: ["address"] });

defineAction({
  type: "send_email",
  label: "Send an email",
  records: ["deal", "lead"],
  schema,
  fields: [
    { name: "to", label: "To", kind: "select", options: Object.entries(RECIPIENTS), required: true },
    { name: "address", label: "Fixed address", kind: "text", hint: "Only when sending to a fixed address." },
    { name: "subject", label: "Subject", kind: "text", required: true, hint: "Merge fields such as {{deal.title}}." },
    { name: "body", label: "Body", kind: "textarea", required: true },
  ],
  check(_q, config, record) {
    const errors: Record<string, string> = {};
    const subject = templateError(config.subject, record);
    const body = templateError(config.body, record);
    if (subject) errors.subject = subject;
    if (body) errors.body = body;
    return Promise.resolve(errors);
  },
  plan(_q, config, { facts }) {
    const to = config.to === "owner" ? facts.ownerEmail : config.to === "contact" ? facts.contactEmail : config.address;
    // One address, no line breaks: anything else would be a header injection.
    if (!to || !validAddress.safeParse(to).success) {
      throw new ActionError(`No email address for ${RECIPIENTS[config.to]} of “${facts.title}”`);
    }
    const subject = renderLine(config.subject, facts.merge);
    const body = render(config.body, facts.merge);
    return Promise.resolve({
      summary: `Email “${subject}” to ${to}`,
      perform: (q) => queueEmail(q, { to, subject, text: body, html: textToHtml(body) }),
    });
  },
});
