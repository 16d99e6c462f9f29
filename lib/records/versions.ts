/**
 * Optimistic concurrency: every record carries a version that any update bumps (a trigger, 0010_api). A change
 * made against a version the caller read (the API's If-Match) is refused once the record has moved on.
 */
import { HttpError } from "../fresh/errors.ts";

export const stale = (current: number) =>
  new HttpError(412, `The record changed since (it is at version ${current}): read it again, then retry.`);

/** Refuses when `expected` is given and the record is no longer at it. */
export function assertVersion(current: number, expected: number | undefined): void {
  if (expected !== undefined && current !== expected) throw stale(current);
}
