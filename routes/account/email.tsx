import * as z from "zod";
import { AccountFrame } from "@/components/AuthAccount.tsx";
import { Button, PageHeader, Panel } from "@/components/AuthPanels.tsx";
import { Field, FormError } from "@/components/Form.tsx";
import { requestEmailChange } from "@/lib/auth/account_changes.ts";
import { PASSWORD_MAX } from "@/lib/auth/password.ts";
import { type ReauthFormData, reauthFormHandlers } from "@/lib/auth/reauth_form.ts";
import type { SessionUser } from "@/lib/auth/session.ts";
import type { PageProps } from "@/lib/fresh/types.ts";
import { email, ValidationError } from "@/lib/http/forms.ts";

const ChangeEmail = z.object({
  email: email(),
  password: z.string().min(1, "Required").max(PASSWORD_MAX, "Incorrect password"),
});

type State = { user: SessionUser };

export const handler = reauthFormHandlers(ChangeEmail, async (user, input, meta) => {
  if (input.email === user.email.toLowerCase()) throw new ValidationError({ email: "This is already your address" });
  if (!await requestEmailChange(user, input, meta)) throw new ValidationError({ password: "Incorrect password" });
  return "/account?notice=email-sent";
}, { echo: true });

export default function Email({ data, state, url }: PageProps<ReauthFormData, State>) {
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
