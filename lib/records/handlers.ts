/** The delete and restore endpoints every record type has (POST, then back to a page). */
import type { RecordType } from "@/db/schema.ts";
import type { AuthContext } from "../auth/guard.ts";
import type { Handler } from "../fresh/types.ts";
import { redirect } from "../http/redirect.ts";
import { parseId, recordPath, RECORDS } from "./records.ts";
import { restoreRecord, softDelete } from "./trash.ts";

type State = { auth: AuthContext };

/** Soft-deletes, then shows the list with an undo notice. */
export function deleteHandler(type: RecordType): Handler<unknown, State> {
  return async (_req, ctx) => {
    const { auth } = ctx.state;
    const id = parseId(ctx.params.id);
    await softDelete(auth, type, id);
    return redirect(`/app/${auth.org.slug}/${RECORDS[type].path}?deleted=${id}`);
  };
}

export function restoreHandler(type: RecordType): Handler<unknown, State> {
  return async (_req, ctx) => {
    const { auth } = ctx.state;
    const id = parseId(ctx.params.id);
    await restoreRecord(auth, type, id);
    return redirect(recordPath(auth.org.slug, type, id));
  };
}
