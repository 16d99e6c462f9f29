import * as z from "zod";
import { AccountFrame } from "@/components/AuthAccount.tsx";
import { Button, PageHeader, Panel } from "@/components/AuthPanels.tsx";
import { Field, FormError } from "@/components/Form.tsx";
import { passwordField } from "@/lib/auth/accounts.ts";
import { changePassword } from "@/lib/auth/account_changes.ts";
import { clientMeta } from "@/lib/auth/events.ts";
import { attemptLimit } from "@/lib/auth/limits.ts";
import { PASSWORD_MAX } from "@/lib/auth/password.ts";
import type { SessionUser } from "@/lib/auth/session.ts";
import type { Handlers, PageProps } from "@/lib/fresh/types.ts";
import { type FieldErrors, type FormValues, readForm, validate } from "@/lib/http/forms.ts";
import { redirect } from "@/lib/http/redirect.ts";
import { tooManyRequests } from "@/lib/ratelimit/mod.ts";

const ChangePassword = z.object({
  current: z.string().min(1, "Required").max(PASSWORD_MAX, "Incorrect password"),
  password: passwordField(),
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
    const form = validate(ChangePassword, await readForm(req));
    if (!form.ok) return ctx.render({ values: {}, errors: form.errors }, { status: 422 });
    if (!await changePassword(user, form.data, clientMeta(req, ctx))) {
      return ctx.render({ values: {}, errors: { current: "Incorrect password" } }, { status: 422 });
    }
    return redirect("/account?notice=password");
  },
};

export default function Password({ data, state, url }: PageProps<Data, State>) {
  return (
    <AccountFrame path={url.pathname} email={state.user.email}>
      <PageHeader title="Password" />
      <Panel title="Change your password" description="Your other sessions end when the password changes.">
        <form method="post" novalidate class="max-w-sm">
          <FormError errors={data.errors} />
          <Field
            name="current"
            label="Current password"
            type="password"
            autocomplete="current-password"
            required
            {...data}
          />
          <Field
            name="password"
            label="New password"
            type="password"
            autocomplete="new-password"
            required
            hint="At least 8 characters; common passwords are refused."
            {...data}
          />
          <Button>Change password</Button>
        </form>
      </Panel>
    </AccountFrame>
  );
}
