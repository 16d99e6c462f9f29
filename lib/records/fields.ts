/** Form fields shared by the record forms (zod; server and browser, so nothing here may reach the database). */
import * as z from "zod";
import { fractionDigits } from "./money.ts";

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An optional form field: a missing key reads as "" (as a browser sends an empty input). */
const blank = <S extends z.ZodType>(schema: S) => z.preprocess((v) => v ?? "", schema);

/** A member's id from an owner/assignee select; "" means nobody. */
export const ownerField = () =>
  blank(z.string().trim().refine((v) => v === "" || UUID.test(v), "Choose a member"))
    .transform((v) => v === "" ? null : v);

/** A web domain: "https://www.Acme.com/about" is stored as "acme.com". */
export const domainField = () =>
  blank(
    z.string().trim().toLowerCase().max(255, "At most 255 characters")
      .transform((v) => v.replace(/^[a-z]+:\/\//, "").replace(/^www\./, "").replace(/[/?#].*$/, ""))
      .refine(
        (v) => v === "" || /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(v),
        "Enter a domain like acme.com",
      ),
  ).transform((v) => v === "" ? null : v);

/** An optional email ("" → null), lower-cased. */
export const optionalEmail = () =>
  blank(
    z.string().trim().toLowerCase().max(254, "At most 254 characters")
      .refine((v) => v === "" || z.email().safeParse(v).success, "Enter a valid email address"),
  ).transform((v) => v === "" ? null : v);

/**
 * A `datetime-local` value: a wall-clock time ("2026-07-01T14:00"), which the caller reads in the
 * org's time zone (lib/time/zones.ts). "" → null.
 */
export const dateTimeField = () =>
  blank(
    z.string().trim()
      .refine((v) => v === "" || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(v), "Enter a date and time"),
  ).transform((v) => v === "" ? null : v.slice(0, 16))
    .refine((v) => v === null || !Number.isNaN(Date.parse(`${v}Z`)), "Enter a valid date and time");

/** A record's fields as form values (null → ""), to fill its edit form. */
export function formValues<T extends object>(record: T, keys: (keyof T & string)[]): Record<string, string> {
  return Object.fromEntries(
    keys.map((k) => [k, record[k] === null || record[k] === undefined ? "" : String(record[k])]),
  );
}

/** "1,250.50" → 125050 (in a 2-digit currency); "" → 0. */
export const moneyField = (currency: string) => {
  const digits = fractionDigits(currency);
  return z.string().trim().transform((v, ctx) => {
    const plain = v.replace(/[\s,]/g, "");
    if (plain === "") return 0;
    const m = /^(\d{1,13})(?:\.(\d+))?$/.exec(plain);
    if (!m || (m[2] ?? "").length > digits) {
      ctx.addIssue({
        code: "custom",
        message: digits ? `Enter an amount like 1,250.${"0".repeat(digits)}` : "Enter a whole amount like 1,250",
      });
      return z.NEVER;
    }
    return Number(m[1]) * 10 ** digits + Number((m[2] ?? "").padEnd(digits, "0") || 0);
  });
};
