/**
 * The account pages that change something only after the current password is entered again
 * (email, password): attempts limited per IP and account, input validated, then the change.
 */
import type * as z from "zod";
import type { Handlers } from "../fresh/types.ts";
import { type FieldErrors, type FormValues, readForm, validate, ValidationError } from "../http/forms.ts";
import { redirect } from "../http/redirect.ts";
import { tooManyRequests } from "../ratelimit/mod.ts";
import { type ClientMeta, clientMeta } from "./events.ts";
import { attemptLimit } from "./limits.ts";
import type { SessionUser } from "./session.ts";

export type ReauthFormData = { values: FormValues; errors: FieldErrors };
type State = { user: SessionUser };

/**
 * `change` answers where to go once done, or throws a `ValidationError` with the field messages to
 * show. The form comes back with what was typed when `echo` is set (not on the password form).
 */
export function reauthFormHandlers<S extends z.ZodType>(
  schema: S,
  change: (user: SessionUser, input: z.infer<S>, meta: ClientMeta) => Promise<string>,
  { echo }: { echo: boolean },
): Handlers<ReauthFormData, State> {
  return {
    GET(_req, ctx) {
      return ctx.render({ values: {}, errors: {} });
    },
    async POST(req, ctx) {
      const { user } = ctx.state;
      const wait = await attemptLimit("reauth", { ip: ctx.remoteAddr, account: user.id });
      if (wait) return tooManyRequests(wait);
      const form = validate(schema, await readForm(req));
      const values = echo ? form.values : {};
      if (!form.ok) return ctx.render({ values, errors: form.errors }, { status: 422 });
      try {
        return redirect(await change(user, form.data, clientMeta(req, ctx)));
      } catch (err) {
        if (err instanceof ValidationError) return ctx.render({ values, errors: err.fields }, { status: 422 });
        throw err;
      }
    },
  };
}
