/** Every migration, in order. Kysely's migrator runs each one in its own transaction. */
import type { Migration } from "kysely/migration";
import * as m0001 from "./0001_platform.ts";

export const migrations: Record<string, Migration> = {
  "0001_platform": m0001,
};
