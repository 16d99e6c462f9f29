/** The app's process-wide services, set once at start-up (or by a test) and read by lib/ code. */
import type { Kysely } from "kysely";
import type { Config } from "../config/env.ts";
import type { Driver } from "@/db/client.ts";
import type { DB } from "@/db/schema.ts";

export interface Services {
  config: Config;
  db: Kysely<DB>;
  driver: Driver;
}

let current: Services | undefined;

export function setServices(s: Services) {
  current = s;
}

export function services(): Services {
  if (!current) throw new Error("Services are not set up: start the app through main.ts or dev.ts");
  return current;
}
