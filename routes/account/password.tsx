import * as z from "zod";
import { AccountFrame } from "@/components/AuthAccount.tsx";
import { Button, PageHeader, Panel } from "@/components/AuthPanels.tsx";
import { Field, FormError, NewPasswordField } from "@/components/Form.tsx";
import { passwordField } from "@/lib/auth/accounts.ts";
import { changePassword } from "@/lib/auth/account_changes.ts";
import { PASSWORD_MAX } from "@/lib/auth/password.ts";
import { type ReauthFormData, reauthFormHandlers } from "@/lib/auth/reauth_form.ts";
import type { SessionUser } from "@/lib/auth/session.ts";
import type { PageProps } from "@/lib/fresh/types.ts";
import { ValidationError } from "@/lib/http/forms.ts";

const ChangePassword = z.object({
  current: z.string().min(1, "Required").max(PASSWORD_MAX, "Incorrect password"),
  password: passwordField(),
});

type State = { user: SessionUser };

export const handler = reauthFormHandlers(ChangePassword, async (user, input, meta) => {
  if (!await changePassword(user, input, meta)) throw new ValidationError({ current: "Incorrect password" });
  return "/account?notice=password";
}, { echo: false });

export default function Password({ data, state, url }: PageProps<ReauthFormData, State>) {
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
          <NewPasswordField label="New password" {...data} />
          <Button>Change password</Button>
        </form>
      </Panel>
    </AccountFrame>
  );
}
