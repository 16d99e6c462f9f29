/**
 * Soft delete: a deleted record leaves every list and page but can be restored for 30 days
 * from its type's "Recently deleted" view. Both steps are recorded on its timeline.
 */
import { sql, type SqlBool } from "kysely";
import type { RecordType } from "@/db/schema.ts";
import type { AuthContext } from "../auth/guard.ts";
import { notFound } from "../fresh/errors.ts";
import { recordEvent } from "./history.ts";
import { findVisibleRecord, inOrg, RECORDS } from "./records.ts";
import { visibleTo } from "./visibility.ts";

export const RESTORE_DAYS = 30;

const restorable = (table: string) =>
  sql<SqlBool>`${sql.ref(`${table}.deleted_at`)} > now() - make_interval(days => ${RESTORE_DAYS})`;

export async function softDelete(auth: AuthContext, type: RecordType, id: string): Promise<void> {
  await inOrg(auth, async (q) => {
    const { table } = RECORDS[type];
    await findVisibleRecord(q, auth, type, id);
    await q.updateTable(table as "companies").set({ deleted_at: new Date() }).where("id", "=", id).execute();
    await recordEvent(q, { actorId: auth.user.id, recordType: type, recordId: id, kind: "deleted" });
  });
}

export async function restoreRecord(auth: AuthContext, type: RecordType, id: string): Promise<void> {
  await inOrg(auth, async (q) => {
    const { table } = RECORDS[type];
    const restored = await q.updateTable(table as "companies").set({ deleted_at: null, updated_at: new Date() })
      .where("id", "=", id).where(restorable(table))
      // The same rule as reading: only what the user could see before it was deleted.
      .where("id", "in", visibleTo(q.selectFrom(table as "companies"), table, auth).select("id"))
      .returning("id").executeTakeFirst();
    if (!restored) throw notFound();
    await recordEvent(q, { actorId: auth.user.id, recordType: type, recordId: id, kind: "restored" });
  });
}

export interface DeletedRecord {
  id: string;
  title: string;
  deleted_at: Date;
}

/** What the user may still restore of this type, most recently deleted first. */
export async function recentlyDeleted(auth: AuthContext, type: RecordType, limit = 100): Promise<DeletedRecord[]> {
  return await inOrg(auth, async (q) => {
    const { table, title } = RECORDS[type];
    const rows = await visibleTo(q.selectFrom(table as "companies"), table, auth)
      .select(["id", "deleted_at", title.as("title")])
      .where(restorable(table))
      .orderBy("deleted_at", "desc").limit(limit).execute();
    return rows as DeletedRecord[];
  });
}
