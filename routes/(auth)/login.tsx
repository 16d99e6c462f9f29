import { AuthCard, Notice } from "@/components/AuthCard.tsx";
import { Field, FormError, SubmitButton } from "@/components/Form.tsx";
import { clientMeta } from "@/lib/auth/events.ts";
import { attemptLimit } from "@/lib/auth/limits.ts";
import { readSessionToken, sessionCookie } from "@/lib/auth/session.ts";
import { logIn } from "@/lib/auth/signup.ts";
import type { Handlers, PageProps } from "@/lib/fresh/types.ts";
import { email, type FieldErrors, type FormValues, readForm, validate } from "@/lib/http/forms.ts";
import { redirect, safeNext } from "@/lib/http/redirect.ts";
import { tooManyRequests } from "@/lib/ratelimit/mod.ts";
import { PASSWORD_MAX } from "@/lib/auth/password.ts";
import * as z from "zod";

const Credentials = z.object({
  email: email(),
  password: z.string().min(1, "Required").max(PASSWORD_MAX, "Email or password is incorrect"),
  next: z.string().max(2000).optional(),
});

interface Data {
  values: FormValues;
  errors: FieldErrors;
}

const NOTICES: Record<string, string> = {
  reset: "Your password was changed. Log in with the new one.",
  ended: "You were logged out.",
};

export const handler: Handlers<Data> = {
  GET(_req, ctx) {
    return ctx.render({ values: { next: ctx.url.searchParams.get("next") ?? "" }, errors: {} });
  },
  async POST(req, ctx) {
    const values = await readForm(req);
    const wait = await attemptLimit("login", { ip: ctx.remoteAddr, account: values.email });
    if (wait) return tooManyRequests(wait);
    const form = validate(Credentials, values);
    if (!form.ok) return ctx.render({ values: form.values, errors: form.errors }, { status: 422 });
    const token = await logIn(form.data, clientMeta(req, ctx), readSessionToken(req));
    if (!token) {
      return ctx.render({ values: form.values, errors: { _form: "Email or password is incorrect." } }, { status: 401 });
    }
    return redirect(safeNext(form.data.next), { "set-cookie": sessionCookie(token) });
  },
};

export default function LogIn({ data, url }: PageProps<Data>) {
  const notice = NOTICES[url.searchParams.get("notice") ?? ""];
  const next = data.values.next ?? "";
  return (
    <AuthCard
      title="Log in"
      footer={
        <>
          New to NexaCRM?{" "}
          <a href={next ? `/signup?next=${encodeURIComponent(next)}` : "/signup"} class="text-brand-600 underline">
            Create an account
          </a>
        </>
      }
    >
      {notice ? <Notice tone="success">{notice}</Notice> : null}
      <form method="post" novalidate>
        <FormError errors={data.errors} />
        <input type="hidden" name="next" value={next} />
        <Field name="email" label="Email" type="email" autocomplete="username" required maxLength={254} {...data} />
        <Field name="password" label="Password" type="password" autocomplete="current-password" required {...data} />
        <p class="-mt-2 mb-4 text-right text-sm">
          <a href="/forgot-password" class="text-brand-600 underline">Forgot your password?</a>
        </p>
        <SubmitButton>Log in</SubmitButton>
      </form>
    </AuthCard>
  );
}
