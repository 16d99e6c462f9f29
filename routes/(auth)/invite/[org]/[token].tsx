import * as z from "zod";
import { AuthCard } from "@/components/AuthCard.tsx";
import { Button, RoleBadge } from "@/components/AuthPanels.tsx";
import { Field, FormError, NewPasswordField, SubmitButton } from "@/components/Form.tsx";
import { createAccount, EmailTaken, passwordField } from "@/lib/auth/accounts.ts";
import { clientMeta, recordAuthEvent } from "@/lib/auth/events.ts";
import { attemptLimit } from "@/lib/auth/limits.ts";
import { createSession, readSessionToken, sessionCookie, sessionUser } from "@/lib/auth/session.ts";
import { notFound } from "@/lib/fresh/errors.ts";
import type { Handlers, PageProps } from "@/lib/fresh/types.ts";
import { type FieldErrors, type FormValues, readForm, text, validate } from "@/lib/http/forms.ts";
import { orgPath } from "@/lib/http/paths.ts";
import { redirect } from "@/lib/http/redirect.ts";
import { tooManyRequests } from "@/lib/ratelimit/mod.ts";
import { acceptInvitation, findInvitation } from "@/lib/tenancy/invitations.ts";

const JoinWithNewAccount = z.object({ name: text(100), password: passwordField() });

interface Data {
  org: { name: string };
  invitation: { email: string; role: string; invitedBy: string | null };
  signedInAs: string | null;
  values: FormValues;
  errors: FieldErrors;
}

export const handler: Handlers<Data> = {
  async GET(req, ctx) {
    const found = await findInvitation(ctx.params.org, ctx.params.token);
    if (!found) throw notFound();
    const user = await sessionUser(req);
    return ctx.render({ ...found, signedInAs: user?.email ?? null, values: {}, errors: {} });
  },
  /** Accepts as the signed-in user, or creates the invited account on the way (`intent=signup`). */
  async POST(req, ctx) {
    const values = await readForm(req);
    const wait = await attemptLimit("accept", { ip: ctx.remoteAddr, account: ctx.params.token });
    if (wait) return tooManyRequests(wait);
    const found = await findInvitation(ctx.params.org, ctx.params.token);
    if (!found) throw notFound();
    const meta = clientMeta(req, ctx);
    const user = await sessionUser(req);
    if (values.intent !== "signup") {
      if (!user) return redirect(`/login?next=${encodeURIComponent(ctx.url.pathname)}`);
      const slug = await acceptInvitation(ctx.params.org, ctx.params.token, user, meta.ip);
      if (!slug) throw notFound();
      return redirect(orgPath(slug));
    }
    const render = (errors: FieldErrors, status: number, shown = values) =>
      ctx.render({ ...found, signedInAs: user?.email ?? null, values: shown, errors }, { status });
    const form = validate(JoinWithNewAccount, values);
    if (!form.ok) return render(form.errors, 422, form.values);
    let account;
    try {
      // Following the emailed link proves the address, so the account starts verified.
      account = await createAccount({ ...form.data, email: found.invitation.email }, { verified: true });
    } catch (err) {
      if (!(err instanceof EmailTaken)) throw err;
      return render({ _form: "An account already uses this address: log in to accept the invitation." }, 409);
    }
    await recordAuthEvent({ userId: account.id, email: account.email, action: "signup", meta });
    const slug = await acceptInvitation(ctx.params.org, ctx.params.token, account, meta.ip);
    const token = await createSession(account.id, meta, readSessionToken(req));
    return redirect(slug ? orgPath(slug) : "/app", { "set-cookie": sessionCookie(token) });
  },
};

export default function Invitation({ data, url }: PageProps<Data>) {
  const { org, invitation } = data;
  const loginHref = `/login?next=${encodeURIComponent(url.pathname)}`;
  return (
    <AuthCard
      title={`Join ${org.name}`}
      intro={
        <>
          {invitation.invitedBy ?? "A member"} invited <strong>{invitation.email}</strong> to work in {org.name} as{" "}
          <RoleBadge role={invitation.role} />.
        </>
      }
    >
      {data.signedInAs
        ? (
          <form method="post">
            <p class="mb-4 text-sm text-slate-700">
              You are logged in as <strong>{data.signedInAs}</strong>; that account will join {org.name}.
            </p>
            <Button name="intent" value="accept">Accept invitation</Button>
          </form>
        )
        : (
          <>
            <form method="post" novalidate>
              <FormError errors={data.errors} />
              <input type="hidden" name="intent" value="signup" />
              <p class="mb-4 text-sm text-slate-700">Create your account to accept.</p>
              <Field name="name" label="Your name" autocomplete="name" required maxLength={100} {...data} />
              <NewPasswordField label="Choose a password" {...data} />
              <SubmitButton>Create account and join</SubmitButton>
            </form>
            <p class="mt-6 text-center text-sm text-slate-600">
              Already have an account? <a href={loginHref} class="text-brand-600 underline">Log in to accept</a>
            </p>
          </>
        )}
    </AuthCard>
  );
}
