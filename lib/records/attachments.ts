/** Attachments of a record: metadata only for now (file storage comes later). */
import type { RecordType } from "@/db/schema.ts";
import type { OrgScope } from "../data/scope.ts";

export async function attachmentsOf(q: OrgScope, type: RecordType, id: string) {
  return await q.selectFrom("attachments")
    .leftJoin("users", "users.id", "attachments.uploaded_by")
    .select([
      "attachments.id",
      "attachments.file_name",
      "attachments.content_type",
      "attachments.size_bytes",
      "attachments.created_at",
      "users.name as uploaded_by",
    ])
    .where("attachments.record_type", "=", type).where("attachments.record_id", "=", id)
    .orderBy("attachments.id", "desc").limit(100).execute();
}
