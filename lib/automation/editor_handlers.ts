/** The GET and POST of the rule editor's pages (new: `idParam` null; edit: the rule's id from the path). */
import type { AuthContext } from "../auth/guard.ts";
import { withOrg } from "../data/scope.ts";
import { notFound } from "../fresh/errors.ts";
import type { Handlers } from "../fresh/types.ts";
import { type FieldErrors, type FormValues, readForm } from "../http/forms.ts";
import { orgPath } from "../http/paths.ts";
import { redirect } from "../http/redirect.ts";
import { UUID } from "../records/fields.ts";
import { actorOf, tenantOf } from "../tenancy/context.ts";
import { type EditorOptions, editorOptions } from "./editor.ts";
import { editorPost } from "./editor_post.ts";
import { ruleValues } from "./rule_form.ts";
import { findRule } from "./rules_read.ts";
import type { Preview } from "./test_mode.ts";

export interface EditorPage {
  /** The rule's saved name (the page title), for an existing rule. */
  name: string;
  values: FormValues;
  errors?: FieldErrors;
  options: EditorOptions;
  preview?: Preview & { position: number };
  upgrade?: string;
}

const NEW_RULE: FormValues = { active: "on", match: "all", trigger_type: "deal.stage_changed" };

export function editorHandlers(idParam: "id" | null): Handlers<EditorPage, { auth: AuthContext }> {
  const ruleId = (params: Record<string, string>) => {
    if (!idParam) return null;
    if (!UUID.test(params[idParam])) throw notFound();
    return params[idParam];
  };
  return {
    async GET(_req, ctx) {
      const id = ruleId(ctx.params);
      return ctx.render(
        await withOrg(tenantOf(ctx.state.auth), async (q) => {
          const rule = id ? await findRule(q, id) : null;
          if (id && !rule) throw notFound();
          return {
            name: rule?.name ?? "",
            values: rule ? ruleValues(rule) : NEW_RULE,
            options: await editorOptions(q),
          };
        }),
      );
    },
    async POST(req, ctx) {
      const { auth } = ctx.state;
      const id = ruleId(ctx.params);
      const values = await readForm(req);
      const page = await withOrg(tenantOf(auth), async (q): Promise<EditorPage | string> => {
        const rule = id ? await findRule(q, id) : null;
        if (id && !rule) throw notFound();
        const outcome = await editorPost(q, actorOf(auth, ctx.remoteAddr), id, values);
        if (outcome.saved !== undefined) return outcome.saved;
        return { ...outcome, name: rule?.name ?? "", options: await editorOptions(q) };
      });
      if (typeof page === "string") {
        return redirect(orgPath(auth.org.slug, "settings", "automation", { notice: "saved", rule: page }));
      }
      return ctx.render(page, { status: page.errors ? 422 : 200 });
    },
  };
}
