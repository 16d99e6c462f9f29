/**
 * The export jobs: `export.build` writes a large workspace's zip to disk as the admin who asked (who must still
 * be an admin) and emails them the link; `export.cleanup` (hourly) deletes exports, file and row, 7 days on.
 */
import * as z from "zod";
import type { AuthContext } from "../auth/guard.ts";
import { can } from "../auth/permissions.ts";
import { asPurgeOf, type OrgScope, withOrg } from "../data/scope.ts";
import { queueEmail } from "../email/jobs.ts";
import { appUrl } from "../email/messages.ts";
import { orgPath } from "../http/paths.ts";
import { defineJob, defineRecurring, type JobContext } from "../jobs/registry.ts";
import { BUILD_JOB, expiresAt, KEEP_DAYS } from "./exports.ts";
import { exportPath, removeExport, writeExport } from "./files.ts";
import { countRecords } from "./size.ts";
import { workspaceZip } from "./zip.ts";

const MAX_ATTEMPTS = 3;

/** The requester as the request's guard would have resolved them, or null when they may no longer export. */
async function requester(q: OrgScope, userId: string | null): Promise<AuthContext | null> {
  if (!userId) return null;
  const member = await q.selectFrom("memberships").innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.id", "users.email", "users.name", "users.email_verified_at", "memberships.role"])
    .select("memberships.team").where("memberships.user_id", "=", userId).executeTakeFirst();
  if (!member || !can(member.role, "data.export")) return null;
  const org = await q.trx.selectFrom("orgs")
    .select(["id", "name", "slug", "currency", "visibility", "rotting_days", "time_zone"])
    .where("id", "=", q.orgId).executeTakeFirstOrThrow();
  const { role, team, email_verified_at, ...user } = member;
  return { user: { ...user, emailVerified: email_verified_at !== null, sessionHash: "" }, org, role, team };
}

const fail = (q: OrgScope, id: string, error: string) =>
  q.updateTable("exports").set({ status: "failed", error, finished_at: new Date() }).where("id", "=", id).execute();

async function build(orgId: string, exportId: string, job: JobContext): Promise<void> {
  const started = await withOrg({ orgId }, async (q) => {
    const row = await q.selectFrom("exports").select(["id", "status", "requested_by", "created_at"])
      .where("id", "=", exportId).executeTakeFirst();
    if (!row || row.status === "done" || row.status === "failed") return null;
    const auth = await requester(q, row.requested_by);
    if (!auth) {
      await fail(q, exportId, "The admin who asked for it is no longer an admin of this workspace.");
      return null;
    }
    // Asked for, the count stopped past the streaming limit; the list shows the whole of it.
    const records = await countRecords(q, Number.MAX_SAFE_INTEGER - 1);
    await q.updateTable("exports").set({ status: "running", records }).where("id", "=", exportId).execute();
    return { auth, createdAt: row.created_at };
  });
  if (!started) return;
  const { auth, createdAt } = started;
  let size: number;
  try {
    size = await writeExport(exportPath(orgId, exportId), workspaceZip(auth, createdAt));
  } catch (err) {
    if (job.attempt < MAX_ATTEMPTS) throw err;
    await withOrg({ orgId }, (q) => fail(q, exportId, "The export could not be written."));
    console.error(`export ${exportId} failed:`, err);
    return;
  }
  await withOrg({ orgId }, async (q) => {
    await q.updateTable("exports").set({ status: "done", size_bytes: size, finished_at: new Date() })
      .where("id", "=", exportId).execute();
    const link = appUrl(orgPath(auth.org.slug, "settings", "data", "exports", exportId));
    const until = expiresAt(createdAt).toISOString().slice(0, 10);
    await queueEmail(q, {
      to: auth.user.email,
      subject: `Your export of ${auth.org.name} is ready`,
      text: `Hi ${auth.user.name},\n\nThe export of everything in ${auth.org.name} you asked for is ready ` +
        `(a zip of ${(size / 1_048_576).toFixed(1)} MB). Download it while signed in as an admin of the workspace, ` +
        `until ${until}:\n\n${link}\n\n— NexaCRM`,
    });
  });
}

defineJob(BUILD_JOB, z.object({ exportId: z.uuid() }), ({ exportId }, job) => build(job.orgId!, exportId, job), {
  label: "Workspace export",
  maxAttempts: MAX_ATTEMPTS,
});

/** Deletes exports asked for more than KEEP_DAYS ago in every org: the file first, then the row. */
export async function cleanUpExports(): Promise<number> {
  return await asPurgeOf("exports", async (trx) => {
    const old = await trx.selectFrom("exports").select(["id", "org_id"]).execute();
    for (const row of old) await removeExport(exportPath(row.org_id, row.id));
    if (old.length) await trx.deleteFrom("exports").where("id", "in", old.map((r) => r.id)).execute();
    return old.length;
  });
}

defineJob("export.cleanup", z.object({}), async () => {
  await cleanUpExports();
}, { label: `Export clean-up (${KEEP_DAYS} days)` });
defineRecurring({ kind: "export.cleanup", everyMinutes: 60 });
