/** The user's notification preferences in this org: a channel per type; security and billing emails always go out. */
import { Notice } from "@/components/AuthCard.tsx";
import { Button, PageHeader, Panel } from "@/components/AuthPanels.tsx";
import { FormError, Select } from "@/components/Form.tsx";
import type { AuthContext } from "@/lib/auth/guard.ts";
import { withOrg } from "@/lib/data/scope.ts";
import type { Handlers, PageProps } from "@/lib/fresh/types.ts";
import { type FieldErrors, parseForm } from "@/lib/http/forms.ts";
import { orgPath } from "@/lib/http/paths.ts";
import { redirect } from "@/lib/http/redirect.ts";
import { PreferencesInput, preferencesOf, setPreferences } from "@/lib/notifications/preferences.ts";
import { CHANNEL_LABELS, channelsOf, NOTIFICATION_TYPES, TYPE_IDS } from "@/lib/notifications/types.ts";
import { tenantOf } from "@/lib/tenancy/context.ts";

interface Data {
  values: Record<string, string>;
  errors?: FieldErrors;
  saved?: boolean;
}
type State = { auth: AuthContext };

export const handler: Handlers<Data, State> = {
  async GET(_req, ctx) {
    const { auth } = ctx.state;
    const values = await withOrg(tenantOf(auth), (q) => preferencesOf(q, auth.user.id, auth.role));
    return ctx.render({ values, saved: ctx.url.searchParams.has("saved") });
  },
  async POST(req, ctx) {
    const { auth } = ctx.state;
    const form = await parseForm(req, PreferencesInput);
    if (!form.ok) return ctx.render({ values: form.values, errors: form.errors }, { status: 422 });
    await withOrg(tenantOf(auth), (q) => setPreferences(q, auth.user.id, form.data));
    return redirect(orgPath(auth.org.slug, "notifications", "preferences", { saved: 1 }));
  },
};

export default function Preferences({ data, state }: PageProps<Data, State>) {
  const action = orgPath(state.auth.org.slug, "notifications", "preferences");
  return (
    <div class="max-w-3xl">
      <PageHeader
        title="Notification preferences"
        intro={
          <>
            How you hear about what happens in {state.auth.org.name}.{" "}
            <a href={orgPath(state.auth.org.slug, "notifications")} class="underline">Back to notifications</a>
          </>
        }
      />
      {data.saved ? <Notice tone="success">Preferences saved.</Notice> : null}
      <Panel
        title="Per kind of notification"
        description="Security emails (password and sign-in address changes) and billing emails to owners (payment failed, trial ending) always go out: they cannot be turned off here."
      >
        <form method="post" action={action} novalidate>
          <FormError errors={data.errors} />
          {TYPE_IDS.map((type) => (
            <Select
              name={type}
              label={NOTIFICATION_TYPES[type].label}
              options={channelsOf(type).map((c) => [c, CHANNEL_LABELS[c]])}
              values={data.values}
              errors={data.errors}
            />
          ))}
          <Button>Save preferences</Button>
        </form>
      </Panel>
    </div>
  );
}
