/**
 * What the record forms accept: the zod schemas the server parses with and the browser checks
 * with before sending (islands/FormCheck.tsx), so both give the same messages. Browser-safe: zod
 * and field shapes only.
 */
import * as z from "zod";
import { optionalText, text } from "../http/forms.ts";
import { dateTimeField, domainField, optionalEmail, ownerField } from "./fields.ts";

export const CompanyInput = z.object({
  name: text(200),
  domain: domainField(),
  industry: optionalText(100),
  phone: optionalText(50),
  city: optionalText(100),
  owner_id: ownerField(),
});
export type CompanyInput = z.infer<typeof CompanyInput>;

export const ContactInput = z.object({
  first_name: text(100),
  last_name: optionalText(100).transform((v) => v ?? ""),
  email: optionalEmail(),
  phone: optionalText(50),
  title: optionalText(100),
  /** The company by name: an existing one (case-insensitive) or a new one. */
  company_name: optionalText(200),
  owner_id: ownerField(),
});
export type ContactInput = z.infer<typeof ContactInput>;

const LEAD_FIELDS = {
  name: text(200),
  email: optionalEmail(),
  phone: optionalText(50),
  company_name: optionalText(200),
  message: optionalText(5000),
};

export const LeadInput = z.object({ ...LEAD_FIELDS, owner_id: ownerField() });
export type LeadInput = z.infer<typeof LeadInput>;

/** What the public web form accepts: no owner, and an email is needed to answer. */
export const WebLeadInput = z.object({ ...LEAD_FIELDS, email: optionalEmail().refine((v) => v, "Required") });
export type WebLeadInput = z.infer<typeof WebLeadInput>;

export const DisqualifyInput = z.object({ reason: text(500) });

export const ACTIVITY_TYPES = ["call", "email", "meeting", "task", "note"] as const;
export type ActivityType = typeof ACTIVITY_TYPES[number];

export const ActivityInput = z.object({
  type: z.enum(ACTIVITY_TYPES, { message: "Choose a type" }),
  subject: text(200),
  body: optionalText(5000),
  due_at: dateTimeField(),
  owner_id: ownerField(),
}).refine((a) => a.type !== "task" || a.due_at, { path: ["due_at"], message: "A task needs a due date" });
export type ActivityInput = z.infer<typeof ActivityInput>;
