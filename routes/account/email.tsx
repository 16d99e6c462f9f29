import * as z from "zod";
import { AccountFrame } from "@/components/AuthAccount.tsx";
import { Button, PageHeader, Panel } from "@/components/AuthPanels.tsx";
import { Field, FormError } from "@/components/Form.tsx";
import { requestEmailChange } from "@/lib/auth/account_changes.ts";
import { clientMeta } from "@/lib/auth/events.ts";
import { attemptLimit } from "@/lib/auth/limits.ts";
import { PASSWORD_MAX } from "@/lib/auth/password.ts";
import type { SessionUser } from "@/lib/auth/session.ts";
import type { Handlers, PageProps } from "@/lib/fresh/types.ts";
import { email, type FieldErrors, type FormValues, readForm, validate } from "@/lib/http/forms.ts";
import { redirect } from "@/lib/http/redirect.ts";
import { tooManyRequests } from "@/lib/ratelimit/mod.ts";

const ChangeEmail = z.object({
  email: email(),
  password: z.string().min(1, "Required").max(PASSWORD_MAX, "Incorrect password"),
});

type Data = { values: FormValues; errors: FieldErrors };
type State = { user: SessionUser };

export const handler: Handlers<Data, State> = {
  GET(_req, ctx) {
    return ctx.render({ values: {}, errors: {} });
  },
  async POST(req, ctx) {
    const { user } = ctx.state;
    const wait = await attemptLimit("reauth", { ip: ctx.remoteAddr, account: user.id });
    if (wait) return tooManyRequests(wait);
    const form = validate(ChangeEmail, await readForm(req));
    if (!form.ok) return ctx.render({ values: form.values, errors: form.errors }, { status: 422 });
    if (form.data.email === user.email.toLowerCase()) {
      return ctx.render({ values: form.values, errors: { email: "This is already your address" } }, { status: 422 });
    }
    if (!await requestEmailChange(user, form.data, clientMeta(req, ctx))) {
      return ctx.render({ values: form.values, errors: { password: "Incorrect password" } }, { status: 422 });
    }
    return redirect("/account?notice=email-sent");
  },
};

export default function Email({ data, state, url }: PageProps<Data, State>) {
  return (
    <AccountFrame path={url.pathname} email={state.user.email}>
      <PageHeader title="Email address" intro={`You log in with ${state.user.email}.`} />
      <Panel
        title="Change your email address"
        description="We send a link to the new address; the change happens when you follow it."
      >
        <form method="post" novalidate class="max-w-sm">
          <FormError errors={data.errors} />
          <Field name="email" label="New email address" type="email" autocomplete="email" required {...data} />
          <Field
            name="password"
            label="Current password"
            type="password"
            autocomplete="current-password"
            required
            {...data}
          />
          <Button>Send confirmation link</Button>
        </form>
      </Panel>
    </AccountFrame>
  );
}
