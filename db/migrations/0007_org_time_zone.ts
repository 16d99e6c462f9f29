import type { Kysely } from "kysely";
import { execScript } from "./helpers.ts";

/**
 * The org's time zone (an IANA name, checked against the runtime's list when set): dates and times
 * are stored in UTC and entered and shown in it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execScript(db, `ALTER TABLE orgs ADD COLUMN time_zone text NOT NULL DEFAULT 'UTC';`);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execScript(db, `ALTER TABLE orgs DROP COLUMN time_zone;`);
}
