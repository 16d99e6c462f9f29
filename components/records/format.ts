/** How records show dates and people (dates in UTC until users have a time zone). */
const date = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });
const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export const formatDate = (d: Date | string | null | undefined) => d ? date.format(new Date(d)) : "—";
export const formatDateTime = (d: Date | string | null | undefined) => d ? `${dateTime.format(new Date(d))} UTC` : "—";

export const fullName = (p: { first_name: string; last_name: string }) => `${p.first_name} ${p.last_name}`.trim();
