import { AuthCard } from "@/components/AuthCard.tsx";
import { Field, FormError, NewPasswordField, SubmitButton } from "@/components/Form.tsx";
import { NewAccount } from "@/lib/auth/accounts.ts";
import { clientMeta } from "@/lib/auth/events.ts";
import { attemptLimit } from "@/lib/auth/limits.ts";
import { sessionUser } from "@/lib/auth/session.ts";
import { signUp } from "@/lib/auth/signup.ts";
import type { Handlers, PageProps } from "@/lib/fresh/types.ts";
import { type FieldErrors, type FormValues, readForm, validate } from "@/lib/http/forms.ts";
import { redirect, safeNext } from "@/lib/http/redirect.ts";
import { tooManyRequests } from "@/lib/ratelimit/mod.ts";

interface Data {
  values: FormValues;
  errors: FieldErrors;
}

export const handler: Handlers<Data> = {
  async GET(req, ctx) {
    const next = ctx.url.searchParams.get("next") ?? "";
    if (await sessionUser(req)) return redirect(safeNext(next));
    return ctx.render({ values: { next }, errors: {} });
  },
  async POST(req, ctx) {
    const values = await readForm(req);
    const wait = await attemptLimit("signup", { ip: ctx.remoteAddr, account: values.email });
    if (wait) return tooManyRequests(wait);
    const form = validate(NewAccount, values);
    if (!form.ok) return ctx.render({ values: form.values, errors: form.errors }, { status: 422 });
    // A new account and an address that already has one see the same page; each learns the rest by email.
    const next = safeNext(values.next);
    return redirect(`/verify?next=${encodeURIComponent(next)}`, {
      "set-cookie": await signUp(form.data, clientMeta(req, ctx), next),
    });
  },
};

export default function SignUp({ data }: PageProps<Data>) {
  return (
    <AuthCard
      title="Create your account"
      intro="Start with your own workspace; invite your team when you are ready."
      footer={
        <>
          Already have an account? <a href="/login" class="text-brand-600 underline">Log in</a>
        </>
      }
    >
      <form method="post" novalidate>
        <FormError errors={data.errors} />
        <input type="hidden" name="next" value={data.values.next ?? ""} />
        <Field name="name" label="Your name" autocomplete="name" required maxLength={100} {...data} />
        <Field name="email" label="Work email" type="email" autocomplete="email" required maxLength={254} {...data} />
        <NewPasswordField label="Password" {...data} />
        <SubmitButton>Create account</SubmitButton>
      </form>
    </AuthCard>
  );
}
