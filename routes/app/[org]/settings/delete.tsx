import * as z from "zod";
import { Button, PageHeader, Panel } from "@/components/AuthPanels.tsx";
import { Field, FormError } from "@/components/Form.tsx";
import type { AuthContext } from "@/lib/auth/guard.ts";
import { requirePermission } from "@/lib/auth/permissions.ts";
import type { Handlers, PageProps } from "@/lib/fresh/types.ts";
import { type FieldErrors, type FormValues, parseForm } from "@/lib/http/forms.ts";
import { orgPath } from "@/lib/http/paths.ts";
import { redirect } from "@/lib/http/redirect.ts";
import { tenantOf } from "@/lib/tenancy/context.ts";
import { deleteOrg } from "@/lib/tenancy/orgs.ts";
import { withOrg } from "@/lib/data/scope.ts";

type Data = { values: FormValues; errors: FieldErrors };
type State = { auth: AuthContext };

export const handler: Handlers<Data, State> = {
  GET(_req, ctx) {
    requirePermission(ctx.state.auth.role, "org.delete");
    return ctx.render({ values: {}, errors: {} });
  },
  async POST(req, ctx) {
    const { auth } = ctx.state;
    requirePermission(auth.role, "org.delete");
    const Confirm = z.object({
      confirm: z.string().max(200).refine((v) => v.trim() === auth.org.name, "Type the organisation's name exactly"),
    });
    const form = await parseForm(req, Confirm);
    if (!form.ok) return ctx.render({ values: form.values, errors: form.errors }, { status: 422 });
    await withOrg(tenantOf(auth), (q) => deleteOrg(q, auth));
    return redirect("/app?notice=deleted");
  },
};

export default function DeleteOrg({ data, state }: PageProps<Data, State>) {
  const { org } = state.auth;
  return (
    <div class="max-w-2xl">
      <PageHeader title="Delete organisation" />
      <Panel
        title={`Delete ${org.name}`}
        tone="danger"
        description="Every record, pipeline, member and invitation of this organisation is deleted. This cannot be undone."
      >
        <form method="post" novalidate>
          <FormError errors={data.errors} />
          <Field name="confirm" label={`Type “${org.name}” to confirm`} required autocomplete="off" {...data} />
          <div class="flex items-center gap-4">
            <Button kind="danger">Delete for good</Button>
            <a href={orgPath(org.slug, "settings")} class="text-sm underline">Cancel</a>
          </div>
        </form>
      </Panel>
    </div>
  );
}
