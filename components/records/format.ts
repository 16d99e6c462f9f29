/** How records show dates and people (dates in UTC until users have a time zone). */
const date = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });
const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export const formatDate = (d: Date | string | null | undefined) => d ? date.format(new Date(d)) : "—";
export const formatDateTime = (d: Date | string | null | undefined) => d ? `${dateTime.format(new Date(d))} UTC` : "—";

export const fullName = (p: { first_name: string; last_name: string }) => `${p.first_name} ${p.last_name}`.trim();

const plurals = new Intl.PluralRules("en");

/** A count with its noun in the right number: "1 deal", "2 deals", "10,000+ companies". */
export const counted = (n: number, one: string, other = `${one}s`, shown = n.toLocaleString("en")) =>
  `${shown} ${plurals.select(n) === "one" ? one : other}`;
