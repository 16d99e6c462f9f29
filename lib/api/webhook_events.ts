/**
 * The webhook events of the public contract: each type, and the API representation its `data` carries
 * (lib/webhooks sends them; the OpenAPI document describes them under `webhooks`).
 */
import type * as z from "zod";
import { Company } from "./resources/companies.ts";
import { Contact } from "./resources/contacts.ts";
import { Deal } from "./resources/deals.ts";
import { Lead } from "./resources/leads.ts";

export const EVENT_SCHEMAS = {
  "deal.created": Deal,
  "deal.updated": Deal,
  "deal.stage_changed": Deal,
  "deal.won": Deal,
  "deal.lost": Deal,
  "deal.deleted": Deal,
  "lead.created": Lead,
  "lead.converted": Lead,
  "contact.created": Contact,
  "contact.updated": Contact,
  "company.created": Company,
  "company.updated": Company,
} as const satisfies Record<string, z.ZodType>;

export type EventType = keyof typeof EVENT_SCHEMAS;
export const EVENT_TYPES = Object.keys(EVENT_SCHEMAS) as EventType[];
