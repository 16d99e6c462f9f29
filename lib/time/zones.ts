/**
 * Time zones: dates and times are stored in UTC and entered and shown in the org's zone (an IANA
 * name such as "Europe/Paris"; "UTC" by default). Conversions go through Intl, which knows every
 * zone's offsets and daylight saving rules.
 */
import * as z from "zod";

/** Every zone the runtime knows, and "UTC" (which `supportedValuesOf` may leave out). */
export const TIME_ZONES: readonly string[] = ["UTC", ...Intl.supportedValuesOf("timeZone").filter((t) => t !== "UTC")];
const known = new Set(TIME_ZONES);

/**
 * The runtime's own name for `zone` when it is one of TIME_ZONES (an alias such as "Asia/Kolkata"
 * becomes the name the list holds, "Asia/Calcutta" in this runtime), else null.
 */
export function canonicalZone(zone: string): string | null {
  try {
    const name = new Intl.DateTimeFormat("en", { timeZone: zone }).resolvedOptions().timeZone;
    return known.has(name) ? name : null;
  } catch {
    return null;
  }
}

/** A time zone field: a zone of TIME_ZONES, by its name there. */
export const timeZoneField = () =>
  z.string().trim().max(100).transform(canonicalZone).pipe(z.string("Choose a time zone"));

const partsFormats = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock fields of `at` in `zone`. */
function wallClock(at: Date, zone: string) {
  let format = partsFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    partsFormats.set(zone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** How far `zone`'s clocks are ahead of UTC at `at`, in milliseconds. */
function offset(at: Date, zone: string): number {
  const w = wallClock(at, zone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(at.getTime() / 1000) * 1000;
}

/**
 * The instant a wall-clock time ("2026-03-29T02:30", as a `datetime-local` input sends it) names in
 * `zone`. A time skipped by a clock change moves forward by the change; a repeated one is its second.
 */
export function fromWallClock(wall: string, zone: string): Date {
  const asUtc = new Date(`${wall}Z`).getTime();
  const first = asUtc - offset(new Date(asUtc), zone);
  return new Date(asUtc - offset(new Date(first), zone));
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The instant the day after `now`'s day in `zone` begins (tasks due before it are due today or overdue). */
export function endOfDay(now: Date, zone: string): Date {
  const w = wallClock(now, zone);
  const next = new Date(Date.UTC(w.year, w.month - 1, w.day + 1));
  return fromWallClock(next.toISOString().slice(0, 16), zone);
}

/** `at` as the wall-clock time ("2026-03-29T14:30") it reads in `zone`, to the minute. */
export function toWallClock(at: Date, zone: string): string {
  const w = wallClock(at, zone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/** The instant `now`'s day in `zone` began. */
export function startOfDay(now: Date, zone: string): Date {
  const w = wallClock(now, zone);
  return fromWallClock(`${w.year}-${pad(w.month)}-${pad(w.day)}T00:00`, zone);
}
