import * as z from "zod";
import { AuthCard } from "@/components/AuthCard.tsx";
import { Field, FormError, NewPasswordField, SubmitButton } from "@/components/Form.tsx";
import { passwordField } from "@/lib/auth/accounts.ts";
import { clientMeta } from "@/lib/auth/events.ts";
import { attemptLimit } from "@/lib/auth/limits.ts";
import { resetPassword } from "@/lib/auth/recovery.ts";
import { clearSessionCookie } from "@/lib/auth/session.ts";
import { isUsableToken } from "@/lib/auth/user_tokens.ts";
import type { Handlers, PageProps } from "@/lib/fresh/types.ts";
import { type FieldErrors, type FormValues, readForm, validate } from "@/lib/http/forms.ts";
import { redirect } from "@/lib/http/redirect.ts";
import { tooManyRequests } from "@/lib/ratelimit/mod.ts";

const NewPassword = z.object({
  token: z.string().min(1).max(64),
  password: passwordField(),
  confirm: z.string().max(1000),
}).refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The passwords do not match" });

interface Data {
  values: FormValues;
  errors: FieldErrors;
  expired?: boolean;
}

export const handler: Handlers<Data> = {
  async GET(_req, ctx) {
    const token = ctx.url.searchParams.get("token") ?? "";
    if (!await isUsableToken(token, "reset_password")) return ctx.render({ values: {}, errors: {}, expired: true });
    return ctx.render({ values: { token }, errors: {} });
  },
  async POST(req, ctx) {
    const wait = await attemptLimit("reset", { ip: ctx.remoteAddr });
    if (wait) return tooManyRequests(wait);
    const form = validate(NewPassword, await readForm(req));
    if (!form.ok) {
      if (form.errors.token) return ctx.render({ values: {}, errors: {}, expired: true }, { status: 400 });
      return ctx.render({ values: form.values, errors: form.errors }, { status: 422 });
    }
    if (!await resetPassword(form.data.token, form.data.password, clientMeta(req, ctx))) {
      return ctx.render({ values: {}, errors: {}, expired: true }, { status: 400 });
    }
    return redirect("/login?notice=reset", { "set-cookie": clearSessionCookie() });
  },
};

export default function ResetPassword({ data }: PageProps<Data>) {
  if (data.expired) {
    return (
      <AuthCard title="This link has expired" intro="Reset links work once, within an hour of being sent.">
        <a href="/forgot-password" class="text-brand-600 underline">Send a new link</a>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Choose a new password" intro="You will be logged out everywhere and asked to log in again.">
      <form method="post" novalidate>
        <FormError errors={data.errors} />
        <input type="hidden" name="token" value={data.values.token ?? ""} />
        <NewPasswordField label="New password" {...data} />
        <Field name="confirm" label="Repeat the new password" type="password" autocomplete="new-password" {...data} />
        <SubmitButton>Set password</SubmitButton>
      </form>
    </AuthCard>
  );
}
