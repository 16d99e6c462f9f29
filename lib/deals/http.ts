/**
 * The deal actions' two kinds of caller: the board island posts JSON and gets JSON (errors as
 * 4xx JSON from the error handler); a form without JavaScript gets a 303 back to the page it came
 * from (its `return` field), with `?error=<code>` when the action was refused.
 */
import type * as z from "zod";
import type { AuthContext } from "../auth/guard.ts";
import type { OrgScope } from "../data/scope.ts";
import { HttpError } from "../fresh/errors.ts";
import type { Handlers } from "../fresh/types.ts";
import { parseJson, readForm, validate } from "../http/forms.ts";
import { redirect, safeNext } from "../http/redirect.ts";
import { inOrg, parseId } from "../records/records.ts";

const CODES: Record<number, string> = { 404: "missing", 409: "conflict", 410: "missing", 422: "invalid" };

function withError(path: string, code: string): string {
  const url = new URL(path, "http://local");
  url.searchParams.set("error", code);
  return url.pathname + url.search;
}

export async function formOrJson<S extends z.ZodType>(
  req: Request,
  schema: S,
  fallback: string,
  action: (input: z.infer<S>) => Promise<unknown>,
): Promise<Response> {
  if ((req.headers.get("content-type") ?? "").includes("application/json")) {
    return Response.json(await action(await parseJson(req, schema)));
  }
  const values = await readForm(req);
  const back = safeNext(values.return, fallback);
  const form = validate(schema, values);
  if (!form.ok) return redirect(withError(back, "invalid"));
  try {
    await action(form.data);
    return redirect(back);
  } catch (err) {
    if (err instanceof HttpError && CODES[err.status]) return redirect(withError(back, CODES[err.status]));
    throw err;
  }
}

/**
 * A deal action's route: the deal named by the URL, the action run in one transaction of the org;
 * a form without a `return` field goes back to `fallback`.
 */
export function dealActionHandlers<S extends z.ZodType>(
  schema: S,
  fallback: (slug: string, dealId: string) => string,
  action: (q: OrgScope, auth: AuthContext, dealId: string, input: z.infer<S>) => Promise<unknown>,
): Handlers<unknown, { auth: AuthContext }> {
  return {
    POST(req, ctx) {
      const { auth } = ctx.state;
      const id = parseId(ctx.params.id);
      return formOrJson(
        req,
        schema,
        fallback(auth.org.slug, id),
        (input) => inOrg(auth, (q) => action(q, auth, id, input)),
      );
    },
  };
}
