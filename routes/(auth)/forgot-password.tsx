import * as z from "zod";
import { AuthCard, Notice } from "@/components/AuthCard.tsx";
import { Field, FormError, SubmitButton } from "@/components/Form.tsx";
import { clientMeta } from "@/lib/auth/events.ts";
import { attemptLimit } from "@/lib/auth/limits.ts";
import { requestPasswordReset } from "@/lib/auth/recovery.ts";
import type { Handlers, PageProps } from "@/lib/fresh/types.ts";
import { email, type FieldErrors, type FormValues, readForm, validate } from "@/lib/http/forms.ts";
import { tooManyRequests } from "@/lib/ratelimit/mod.ts";

const ResetRequest = z.object({ email: email() });

interface Data {
  values: FormValues;
  errors: FieldErrors;
  sent?: boolean;
}

export const handler: Handlers<Data> = {
  GET(_req, ctx) {
    return ctx.render({ values: {}, errors: {} });
  },
  async POST(req, ctx) {
    const values = await readForm(req);
    const wait = await attemptLimit("reset", { ip: ctx.remoteAddr, account: values.email });
    if (wait) return tooManyRequests(wait);
    const form = validate(ResetRequest, values);
    if (!form.ok) return ctx.render({ values: form.values, errors: form.errors }, { status: 422 });
    await requestPasswordReset(form.data.email, clientMeta(req, ctx));
    return ctx.render({ values: form.values, errors: {}, sent: true });
  },
};

export default function ForgotPassword({ data }: PageProps<Data>) {
  return (
    <AuthCard
      title="Reset your password"
      intro="Enter the email address you log in with and we will send you a link to choose a new password."
      footer={<a href="/login" class="text-brand-600 underline">Back to log in</a>}
    >
      {data.sent
        ? (
          <Notice tone="success">
            If an account uses {data.values.email}, a reset link is on its way. It works once, within an hour.
          </Notice>
        )
        : (
          <form method="post" novalidate>
            <FormError errors={data.errors} />
            <Field name="email" label="Email" type="email" autocomplete="email" required maxLength={254} {...data} />
            <SubmitButton>Send reset link</SubmitButton>
          </form>
        )}
    </AuthCard>
  );
}
