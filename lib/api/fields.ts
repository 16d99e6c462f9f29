/**
 * Field shapes of the API's JSON: what the document shows (types, lengths) piped into the rules the app's
 * forms apply (lib/records/fields.ts, lib/http/forms.ts), so both doors accept and refuse the same values.
 */
import * as z from "zod";
import { optionalText, text } from "../http/forms.ts";
import { domainField, optionalEmail, UUID } from "../records/fields.ts";

export const id = () => z.uuid();

/** A timestamp from the database, sent as ISO 8601 in UTC. */
export const timestamp = () =>
  z.codec(z.date(), z.iso.datetime(), { decode: (d) => d.toISOString(), encode: (s) => new Date(s) });

/** Path parameter `{id}`: anything that is not a UUID names nothing (404). */
export const idParams = z.object({ id: z.string().regex(UUID).transform((v) => v.toLowerCase()) });

/** A form field as the end of a pipe from a JSON value (form fields take a string, or any input). */
const formRule = <T>(rule: z.ZodType<T, unknown>) => rule as z.ZodType<T, string>;

/** Required text, trimmed, 1 to `max` characters. */
export const requiredText = (max: number) => z.string().max(max).pipe(text(max));

/** Optional text: null, absent or "" all mean none. */
export const nullableText = (max: number) =>
  z.string().max(max).nullish().transform((v) => v ?? "").pipe(formRule(optionalText(max)));

export const nullableEmail = () =>
  z.string().max(254).nullish().transform((v) => v ?? "").pipe(formRule(optionalEmail())).meta({ format: "email" });

/** A web domain; "https://www.acme.com/about" is stored as "acme.com". */
export const nullableDomain = () =>
  z.string().max(255).nullish().transform((v) => v ?? "").pipe(formRule(domainField()));

/** A new record's owner: a member's id, null for nobody; left out, the key's member. */
export const newOwner = () =>
  z.uuid().nullable().optional().describe("A member's id; null for nobody. Left out on create: the key's member");

/** The fields every record's representation starts with. */
export const recordHead = <T extends string>(object: T) => ({ id: id(), object: z.literal(object).default(object) });

/** The fields every record's representation ends with. */
export const recordTail = () => ({
  owner_id: z.uuid().nullable(),
  created_at: timestamp(),
  updated_at: timestamp(),
  version: z.int().describe("Bumped by every change; sent as the ETag, checked against If-Match"),
});

/** Minor units of the org's currency (cents for USD): 1250.50 USD is 125050. */
export const minorUnits = () => z.int().min(0).max(999_999_999_999_999);
