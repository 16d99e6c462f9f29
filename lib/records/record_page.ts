/** What every record page shows beside the record: timeline, attachments, and members to assign tasks to. */
import type { RecordType } from "@/db/schema.ts";
import type { OrgScope } from "../data/scope.ts";
import { attachmentsOf } from "./attachments.ts";
import { orgMembers } from "./members.ts";
import { timeline } from "./timeline.ts";

export async function recordExtras(q: OrgScope, type: RecordType, id: string) {
  return {
    timeline: await timeline(q, type, id),
    attachments: await attachmentsOf(q, type, id),
    members: await orgMembers(q),
  };
}

export type RecordExtras = Awaited<ReturnType<typeof recordExtras>>;
