/** Every operation of /api/v1, in the order the reference shows them (the OpenAPI document is made from this). */
import type { Operation } from "./operation.ts";
import { activityOps, taskOps } from "./resources/activities.ts";
import { companyOps } from "./resources/companies.ts";
import { contactOps } from "./resources/contacts.ts";
import { dealOps } from "./resources/deals.ts";
import { leadOps } from "./resources/leads.ts";
import { orgOps } from "./resources/org.ts";

export const OPERATIONS: Operation[] = [
  orgOps.me,
  ...Object.values(companyOps),
  ...Object.values(contactOps),
  ...Object.values(leadOps),
  ...Object.values(dealOps),
  ...Object.values(orgOps).filter((op) => op !== orgOps.me),
  ...Object.values(activityOps),
  ...Object.values(taskOps),
];
