/** The endpoints every record type has: its page (which logs activities), delete and restore. */
import type * as z from "zod";
import type { RecordType } from "@/db/schema.ts";
import type { AuthContext } from "../auth/guard.ts";
import type { Handler, Handlers } from "../fresh/types.ts";
import type { FieldErrors, FormValues } from "../http/forms.ts";
import { orgPath } from "../http/paths.ts";
import { redirect } from "../http/redirect.ts";
import { addActivity } from "./activities.ts";
import { ActivityInput } from "./inputs.ts";
import { type Member, membersOf } from "./members.ts";
import { parseId, recordPath, RECORDS } from "./records.ts";
import { submit } from "./submit.ts";
import { restoreRecord, softDelete } from "./trash.ts";

type State = { auth: AuthContext };

/** A new-record form's data: its values (and errors) and the members who can own the record. */
export interface NewRecordData {
  form: { values: FormValues; errors?: FieldErrors };
  members: Member[];
}

/** GET shows the empty form (owned by the user); POST creates the record and opens it. */
export function newRecordHandlers<S extends z.ZodType>(
  type: RecordType,
  schema: S,
  create: (auth: AuthContext, input: z.infer<S>) => Promise<string>,
): Handlers<NewRecordData, State> {
  return {
    async GET(_req, ctx) {
      const { auth } = ctx.state;
      return ctx.render({ form: { values: { owner_id: auth.user.id } }, members: await membersOf(auth) });
    },
    async POST(req, ctx) {
      const { auth } = ctx.state;
      const res = await submit(req, schema, (input) => create(auth, input));
      if (res.ok) return redirect(recordPath(auth.org.slug, type, res.result));
      return ctx.render({ form: res, members: await membersOf(auth) }, { status: 422 });
    },
  };
}

/** The record page's data, with the activity form when it comes back with field errors. */
export type RecordPageData<D> = D & { activity?: { values: FormValues; errors: FieldErrors } };

/** GET shows the record; POST logs an activity on its timeline (or shows the form's errors). */
export function recordPageHandlers<D extends object>(
  type: RecordType,
  load: (auth: AuthContext, id: string) => Promise<D>,
): Handlers<RecordPageData<D>, State> {
  return {
    async GET(_req, ctx) {
      return ctx.render(await load(ctx.state.auth, parseId(ctx.params.id)));
    },
    async POST(req, ctx) {
      const { auth } = ctx.state;
      const id = parseId(ctx.params.id);
      const res = await submit(req, ActivityInput, (input) => addActivity(auth, type, id, input));
      if (res.ok) return redirect(`${recordPath(auth.org.slug, type, id)}#timeline`);
      return ctx.render({ ...await load(auth, id), activity: res }, { status: 422 });
    },
  };
}

/** Soft-deletes, then shows the list with an undo notice. */
export function deleteHandler(type: RecordType): Handler<unknown, State> {
  return async (_req, ctx) => {
    const { auth } = ctx.state;
    const id = parseId(ctx.params.id);
    await softDelete(auth, type, id);
    return redirect(orgPath(auth.org.slug, RECORDS[type].path, { deleted: id }));
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
