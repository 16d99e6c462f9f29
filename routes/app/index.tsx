import { Notice } from "@/components/AuthCard.tsx";
import { Button, RoleBadge } from "@/components/AuthPanels.tsx";
import { Field, FormError } from "@/components/Form.tsx";
import { SiteHeader } from "@/components/SiteHeader.tsx";
import { userOrgs } from "@/lib/auth/guard.ts";
import { type SessionUser, sessionUser } from "@/lib/auth/session.ts";
import type { Handlers, PageProps } from "@/lib/fresh/types.ts";
import { type FieldErrors, type FormValues, parseForm } from "@/lib/http/forms.ts";
import { orgPath } from "@/lib/http/paths.ts";
import { redirect } from "@/lib/http/redirect.ts";
import { createOrg, NewOrg, SlugTaken } from "@/lib/tenancy/orgs.ts";
import BrowserTimeZone from "@/islands/BrowserTimeZone.tsx";

interface Data {
  user: SessionUser;
  orgs: Awaited<ReturnType<typeof userOrgs>>;
  values: FormValues;
  errors: FieldErrors;
}

/** The org picker: the user's workspaces, and a form to create one (the creator is its owner). */
export const handler: Handlers<Data> = {
  async GET(req, ctx) {
    const user = await sessionUser(req);
    if (!user) return redirect("/login?next=/app");
    return ctx.render({ user, orgs: await userOrgs(user.id), values: {}, errors: {} });
  },
  async POST(req, ctx) {
    const user = await sessionUser(req);
    if (!user) return redirect("/login?next=/app");
    const form = await parseForm(req, NewOrg);
    const again = (errors: FieldErrors, values: FormValues) =>
      userOrgs(user.id).then((orgs) => ctx.render({ user, orgs, values, errors }, { status: 422 }));
    if (!form.ok) return await again(form.errors, form.values);
    try {
      const org = await createOrg(user.id, form.data);
      return redirect(orgPath(org.slug));
    } catch (err) {
      if (!(err instanceof SlugTaken)) throw err;
      return await again({ slug: "This address is taken; choose another" }, form.values);
    }
  },
};

export default function Workspaces({ data, url }: PageProps<Data>) {
  const { user, orgs } = data;
  const deleted = url.searchParams.get("notice") === "deleted";
  return (
    <>
      <SiteHeader />
      <main class="mx-auto max-w-3xl px-6 py-12">
        <div class="flex items-baseline justify-between">
          <h1 class="text-2xl font-semibold tracking-tight">Your workspaces</h1>
          <a href="/account" class="text-sm text-brand-600 underline">Account settings</a>
        </div>
        <p class="mt-1 text-sm text-slate-600">Signed in as {user.email}</p>
        <div class="mt-6">
          {deleted ? <Notice tone="success">The organisation was deleted.</Notice> : null}
          {!user.emailVerified
            ? (
              <Notice>
                Please confirm your email address: we sent you a link.{" "}
                <a href="/verify" class="underline">Send a new one</a>
              </Notice>
            )
            : null}
        </div>
        {orgs.length > 0
          ? (
            <ul class="mt-4 divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white shadow-sm">
              {orgs.map((o) => (
                <li>
                  <a href={orgPath(o.slug)} class="flex items-center justify-between px-5 py-4 hover:bg-slate-50">
                    <span>
                      <span class="block font-medium">{o.name}</span>
                      <span class="block text-sm text-slate-500">/app/{o.slug}</span>
                    </span>
                    <RoleBadge role={o.role} />
                  </a>
                </li>
              ))}
            </ul>
          )
          : <p class="mt-4 text-slate-700">You are not in any organisation yet. Create one to get started.</p>}
        <section
          class="mt-10 rounded-xl border border-slate-200 bg-white p-6 shadow-sm"
          aria-labelledby="new-org-title"
        >
          <h2 id="new-org-title" class="text-lg font-semibold">
            {orgs.length ? "Create another organisation" : "Create your organisation"}
          </h2>
          <p class="mt-1 text-sm text-slate-600">You will be its owner, and can invite your team next.</p>
          <form method="post" novalidate class="mt-4">
            <FormError errors={data.errors} />
            <Field name="name" label="Organisation name" required maxLength={100} {...data} />
            <Field
              name="slug"
              label="Web address (optional)"
              placeholder="acme"
              hint="Lowercase letters, digits and dashes; derived from the name when empty."
              maxLength={40}
              {...data}
            />
            <BrowserTimeZone name="time_zone" />
            <Button>Create organisation</Button>
          </form>
        </section>
      </main>
    </>
  );
}
