/** "My day" for a rep: their numbers, tasks due today or overdue, their rotting deals, and new leads assigned to them. */
import { sql } from "kysely";
import type { AuthContext } from "../auth/guard.ts";
import { inOrg, recordTitles } from "../records/records.ts";
import { mySummary } from "../reports/summary.ts";
import { endOfDay } from "../time/zones.ts";

const LIMIT = 20;

export async function myDay(auth: AuthContext, now = new Date()) {
  const me = auth.user.id;
  return await inOrg(auth, async (q) => {
    const taskRows = await q.selectFrom("activities")
      .select(["id", "subject", "due_at", "record_type", "record_id"])
      .where("type", "=", "task").where("done_at", "is", null).where("deleted_at", "is", null)
      .where("owner_id", "=", me).where("due_at", "<", endOfDay(now, auth.org.time_zone))
      .orderBy("due_at").orderBy("id").limit(LIMIT).execute();
    const titles = await recordTitles(q, taskRows);
    const tasks = taskRows.map((t) => ({
      ...t,
      overdue: !!t.due_at && t.due_at < now,
      record_title: titles.get(`${t.record_type}:${t.record_id}`) ?? "—",
    }));

    // A deal rots when it has sat in its stage longer than the org allows.
    const rotting = await q.selectFrom("deals")
      .innerJoin("stages", "stages.id", "deals.stage_id")
      .select(["deals.id", "deals.title", "deals.value_minor", "deals.currency", "deals.stage_entered_at"])
      .select("stages.name as stage")
      .where("deals.owner_id", "=", me).where("deals.status", "=", "open").where("deals.deleted_at", "is", null)
      .where(
        "deals.stage_entered_at",
        "<",
        sql<Date>`${now}::timestamptz - make_interval(days => ${auth.org.rotting_days})`,
      )
      .orderBy("deals.stage_entered_at").limit(LIMIT).execute();

    const leads = await q.selectFrom("leads")
      .select(["id", "name", "company_name", "email", "created_at"])
      .where("owner_id", "=", me).where("status", "=", "new").where("deleted_at", "is", null)
      .orderBy("id", "desc").limit(LIMIT).execute();

    return { summary: await mySummary(q, auth, now), tasks, rotting, leads };
  });
}
