/**
 * How records show dates and people. Calendar dates (a close date, a creation day) show as UTC days;
 * times show in the org's time zone, named after them.
 */
const date = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });
const dateTimes = new Map<string, Intl.DateTimeFormat>();

export const formatDate = (d: Date | string | null | undefined) => d ? date.format(new Date(d)) : "—";

/** A time in `zone` (an IANA name), followed by the zone's name: "2 Dec 2026, 14:00 Europe/Paris". */
export function formatDateTime(d: Date | string | null | undefined, zone = "UTC"): string {
  if (!d) return "—";
  let format = dateTimes.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: zone });
    dateTimes.set(zone, format);
  }
  return `${format.format(new Date(d))} ${zone}`;
}

export const fullName = (p: { first_name: string; last_name: string }) => `${p.first_name} ${p.last_name}`.trim();

const plurals = new Intl.PluralRules("en");

/** A count with its noun in the right number: "1 deal", "2 deals", "10,000+ companies". */
export const counted = (n: number, one: string, other = `${one}s`, shown = n.toLocaleString("en")) =>
  `${shown} ${plurals.select(n) === "one" ? one : other}`;
