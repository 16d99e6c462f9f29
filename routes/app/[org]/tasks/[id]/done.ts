import type { AuthContext } from "@/lib/auth/guard.ts";
import type { Handlers } from "@/lib/fresh/types.ts";
import { readForm } from "@/lib/http/forms.ts";
import { redirect, safeNext } from "@/lib/http/redirect.ts";
import { setTaskDone } from "@/lib/records/activities.ts";
import { parseId, recordPath } from "@/lib/records/records.ts";

/** Marks a task done (`done=1`) or open again (`done=0`), then goes back to where the button was. */
export const handler: Handlers<unknown, { auth: AuthContext }> = {
  async POST(req, ctx) {
    const { auth } = ctx.state;
    const form = await readForm(req);
    const task = await setTaskDone(auth, parseId(ctx.params.id), form.done !== "0");
    const fallback = recordPath(auth.org.slug, task.recordType, task.recordId);
    return redirect(safeNext(form.back, fallback));
  },
};
