/**
 * "Export everything" (issue 20): a workspace under the size limit streams its zip straight to the admin who
 * asks; a larger one gets an export row and a job (jobs.ts) that writes the zip to disk and emails a link to
 * the download, which only the org's admins and owners can follow, for 7 days. Every export is audited.
 */
import type { ExportStatus } from "@/db/schema.ts";
import { audit } from "../audit/log.ts";
import type { AuthContext } from "../auth/guard.ts";
import { requirePermission } from "../auth/permissions.ts";
import { services } from "../data/services.ts";
import { notFound } from "../fresh/errors.ts";
import { enqueue } from "../jobs/enqueue.ts";
import { inOrg } from "../records/records.ts";
import { exportPath, readExport } from "./files.ts";
import { countRecords } from "./size.ts";
import { workspaceZip, zipName } from "./zip.ts";

export const BUILD_JOB = "export.build";
/** Days a built export can be downloaded before the clean-up deletes it. */
export const KEEP_DAYS = 7;
const RECENT = 20;

export interface ExportItem {
  id: string;
  status: ExportStatus;
  records: number;
  size_bytes: number | null;
  error: string | null;
  created_at: Date;
  finished_at: Date | null;
  requested_by: string | null;
  /** Done and not yet past KEEP_DAYS. */
  downloadable: boolean;
}

export const expiresAt = (createdAt: Date) => new Date(createdAt.getTime() + KEEP_DAYS * 86_400_000);

/** The data page: how many records an export holds (up to the limit, +1) and the recent exports built by jobs. */
export async function exportOverview(auth: AuthContext) {
  requirePermission(auth.role, "data.export");
  const limit = services().config.EXPORT_DIRECT_MAX_RECORDS;
  return await inOrg(auth, async (q) => {
    const records = await countRecords(q, limit);
    const rows = await q.selectFrom("exports").leftJoin("users", "users.id", "exports.requested_by")
      .select(["exports.id", "exports.status", "exports.records", "exports.size_bytes", "exports.error"])
      .select(["exports.created_at", "exports.finished_at", "users.name as requested_by"])
      .orderBy("exports.id", "desc").limit(RECENT).execute();
    const now = Date.now();
    const exports: ExportItem[] = rows.map((r) => ({
      ...r,
      size_bytes: r.size_bytes === null ? null : Number(r.size_bytes),
      downloadable: r.status === "done" && expiresAt(r.created_at).getTime() > now,
    }));
    return { records, limit, exports };
  });
}

export type ExportStart =
  | { kind: "download"; body: ReadableStream<Uint8Array>; fileName: string }
  | { kind: "queued"; id: string };

/** Starts an export of everything: the zip itself for a workspace up to the limit, else a job's id. */
export async function startExport(auth: AuthContext, ip: string): Promise<ExportStart> {
  requirePermission(auth.role, "data.export");
  const limit = services().config.EXPORT_DIRECT_MAX_RECORDS;
  const at = new Date();
  const queued = await inOrg(auth, async (q) => {
    const records = await countRecords(q, limit);
    if (records <= limit) {
      await audit(q, { actorId: auth.user.id, action: "data.exported", detail: { records, delivery: "download" }, ip });
      return null;
    }
    const { id } = await q.insertInto("exports", { requested_by: auth.user.id, records }).returning("id")
      .executeTakeFirstOrThrow();
    await enqueue(q, BUILD_JOB, { exportId: id });
    await audit(q, { actorId: auth.user.id, action: "data.exported", target: id, detail: { delivery: "email" }, ip });
    return id;
  });
  if (queued) return { kind: "queued", id: queued };
  return { kind: "download", body: workspaceZip(auth, at), fileName: zipName(auth.org.slug, at) };
}

/** A built export's zip, for the org's admins, while it is kept; 404 otherwise. The download is audited. */
export async function exportDownload(auth: AuthContext, id: string, ip: string) {
  requirePermission(auth.role, "data.export");
  const row = await inOrg(
    auth,
    (q) => q.selectFrom("exports").select(["id", "status", "created_at"]).where("id", "=", id).executeTakeFirst(),
  );
  if (!row || row.status !== "done" || expiresAt(row.created_at).getTime() <= Date.now()) throw notFound();
  const body = await readExport(exportPath(auth.org.id, row.id));
  if (!body) throw notFound();
  await inOrg(auth, (q) => audit(q, { actorId: auth.user.id, action: "data.export_downloaded", target: id, ip }));
  return { body, fileName: zipName(auth.org.slug, row.created_at) };
}
