import { Notice } from "@/components/AuthCard.tsx";
import { Button, PageHeader, Panel } from "@/components/AuthPanels.tsx";
import { Field, FormError, Select } from "@/components/Form.tsx";
import type { AuthContext } from "@/lib/auth/guard.ts";
import { can, requirePermission } from "@/lib/auth/permissions.ts";
import type { Handlers, PageProps } from "@/lib/fresh/types.ts";
import { type FieldErrors, type FormValues, parseForm } from "@/lib/http/forms.ts";
import { orgPath } from "@/lib/http/paths.ts";
import { redirect } from "@/lib/http/redirect.ts";
import { actorOf, tenantOf } from "@/lib/tenancy/context.ts";
import { OrgSettings, SlugTaken, updateOrgSettings } from "@/lib/tenancy/orgs.ts";
import { withOrg } from "@/lib/data/scope.ts";
import { TIME_ZONES } from "@/lib/time/zones.ts";

type Data = { values: FormValues; errors: FieldErrors };
type State = { auth: AuthContext };

const NOTICES: Record<string, string> = {
  saved: "Settings saved.",
  transferred: "Ownership transferred. You are now an admin.",
};

export const handler: Handlers<Data, State> = {
  GET(_req, ctx) {
    const { org } = ctx.state.auth;
    return ctx.render({ values: { ...org, rotting_days: String(org.rotting_days) }, errors: {} });
  },
  async POST(req, ctx) {
    const { auth } = ctx.state;
    requirePermission(auth.role, "settings.manage");
    const form = await parseForm(req, OrgSettings);
    if (!form.ok) return ctx.render({ values: form.values, errors: form.errors }, { status: 422 });
    try {
      await withOrg(tenantOf(auth), (q) => updateOrgSettings(q, actorOf(auth, ctx.remoteAddr), form.data));
    } catch (err) {
      if (!(err instanceof SlugTaken)) throw err;
      return ctx.render({ values: form.values, errors: { slug: "This address is taken" } }, { status: 422 });
    }
    return redirect(orgPath(form.data.slug, "settings", { notice: "saved" }));
  },
};

export default function OrgSettingsPage({ data, state, url }: PageProps<Data, State>) {
  const { auth } = state;
  const base = orgPath(auth.org.slug, "settings");
  const notice = NOTICES[url.searchParams.get("notice") ?? ""];
  const editable = can(auth.role, "settings.manage");
  return (
    <div class="max-w-2xl">
      <PageHeader title="Organisation" intro={`Settings of ${auth.org.name}.`} />
      {notice ? <Notice tone="success">{notice}</Notice> : null}
      <Panel
        title="General"
        description={editable ? undefined : "Only owners and admins can change these settings."}
      >
        <form method="post" novalidate>
          <fieldset disabled={!editable}>
            <FormError errors={data.errors} />
            <Field name="name" label="Name" required maxLength={100} {...data} />
            <Field
              name="slug"
              label="Web address"
              required
              maxLength={40}
              hint="Lowercase letters, digits and dashes. Changing it changes every link to this organisation."
              {...data}
            />
            <Select
              name="visibility"
              label="Who sees records"
              options={[["all", "Everyone sees all records"], ["own", "Members see their own and their team's"]]}
              {...data}
            />
            <Select
              name="time_zone"
              label="Time zone (dates and times are entered and shown in it)"
              options={TIME_ZONES.map((zone) => [zone, zone.replace(/_/g, " ")])}
              {...data}
            />
            <Field
              name="rotting_days"
              label="Days before an idle deal is flagged"
              hint="0 turns the flag off."
              type="number"
              required
              {...data}
            />
            {editable ? <Button>Save settings</Button> : null}
          </fieldset>
        </form>
      </Panel>
      {can(auth.role, "org.transfer")
        ? (
          <Panel title="Ownership" description="Hand the organisation over to another member; you stay on as admin.">
            <a href={`${base}/transfer`} class="text-sm text-brand-600 underline">Transfer ownership…</a>
          </Panel>
        )
        : null}
      {can(auth.role, "org.delete")
        ? (
          <Panel
            title="Delete organisation"
            tone="danger"
            description="Deletes every lead, deal, company, contact and activity of this organisation for good."
          >
            <a href={`${base}/delete`} class="text-sm text-red-700 underline">Delete this organisation…</a>
          </Panel>
        )
        : null}
    </div>
  );
}
