/** Every migration, in order. Kysely's migrator runs each one in its own transaction. */
import type { Migration } from "kysely/migration";
import * as m0001 from "./0001_platform.ts";
import * as m0002 from "./0002_tenancy.ts";
import * as m0003 from "./0003_crm.ts";
import * as m0004 from "./0004_billing.ts";
import * as m0005 from "./0005_customer_totals.ts";
import * as m0006 from "./0006_live_indexes.ts";
import * as m0007 from "./0007_org_time_zone.ts";
import * as m0008 from "./0008_jobs.ts";
import * as m0009 from "./0009_reports.ts";
import * as m0010 from "./0010_api.ts";
import * as m0011 from "./0011_webhooks.ts";
import * as m0012 from "./0012_automation.ts";
import * as m0013 from "./0013_notifications.ts";
import * as m0015 from "./0015_exports.ts";

export const migrations: Record<string, Migration> = {
  "0001_platform": m0001,
  "0002_tenancy": m0002,
  "0003_crm": m0003,
  "0004_billing": m0004,
  "0005_customer_totals": m0005,
  "0006_live_indexes": m0006,
  "0007_org_time_zone": m0007,
  "0008_jobs": m0008,
  "0009_reports": m0009,
  "0010_api": m0010,
  "0011_webhooks": m0011,
  "0012_automation": m0012,
  "0013_notifications": m0013,
  "0015_exports": m0015,
};
