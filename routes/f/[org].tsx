import { Field, FormError } from "@/components/Form.tsx";
import { TextArea } from "@/components/records/TextArea.tsx";
import type { Handlers, PageProps, RouteConfig } from "@/lib/fresh/types.ts";
import { type FieldErrors, type FormValues, readForm, validate } from "@/lib/http/forms.ts";
import { redirect } from "@/lib/http/redirect.ts";
import { limit, tooManyRequests } from "@/lib/ratelimit/mod.ts";
import { WebLeadInput } from "@/lib/records/inputs.ts";
import { captureWebLead } from "@/lib/records/leads.ts";
import { HONEYPOT, WEB_FORM_RULE, webFormOrg } from "@/lib/records/web_form.ts";

/** Posted from other sites (the embedded snippet): the same-origin check cannot apply. */
export const config: RouteConfig = { csrf: false };

interface Data {
  org: { name: string; slug: string };
  sent: boolean;
  values: FormValues;
  errors?: FieldErrors;
}

export const handler: Handlers<Data> = {
  async GET(_req, ctx) {
    const org = await webFormOrg(ctx.params.org);
    if (!org) return ctx.renderNotFound();
    return ctx.render({ org, sent: ctx.url.searchParams.has("sent"), values: {} });
  },
  async POST(req, ctx) {
    const org = await webFormOrg(ctx.params.org);
    if (!org) return ctx.renderNotFound();
    const rate = await limit("web-lead", `${org.id}:${ctx.remoteAddr}`, WEB_FORM_RULE);
    if (!rate.success) return tooManyRequests(rate.retryAfterSeconds);
    const values = await readForm(req);
    const thanks = redirect(`/f/${org.slug}?sent=1`);
    // A filled honeypot is a bot: thank it like anyone else and keep nothing.
    if (values[HONEYPOT]) return thanks;
    const form = validate(WebLeadInput, values);
    if (!form.ok) return ctx.render({ org, sent: false, values: form.values, errors: form.errors }, { status: 422 });
    await captureWebLead(org.id, form.data);
    return thanks;
  },
};

export default function WebToLead({ data }: PageProps<Data>) {
  const { org, values, errors } = data;
  return (
    <main class="mx-auto max-w-lg px-6 py-12">
      <div class="rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <h1 class="text-2xl font-semibold">Contact {org.name}</h1>
        {data.sent
          ? (
            <p role="status" class="mt-4 rounded-md bg-emerald-50 p-4 text-emerald-800">
              Thank you! Your message was sent; we will be in touch soon.
            </p>
          )
          : (
            <form method="post" action={`/f/${org.slug}`} class="mt-6" noValidate>
              <FormError errors={errors} />
              <Field name="name" label="Name" values={values} errors={errors} required autocomplete="name" />
              <Field
                name="email"
                label="Email"
                type="email"
                values={values}
                errors={errors}
                required
                autocomplete="email"
              />
              <Field name="phone" label="Phone" type="tel" values={values} errors={errors} autocomplete="tel" />
              <Field name="company_name" label="Company" values={values} errors={errors} autocomplete="organization" />
              <TextArea name="message" label="Message" values={values} errors={errors} rows={4} />
              <div class="absolute -left-[10000px]" aria-hidden="true">
                <label for="f-hp">Leave this empty</label>
                <input id="f-hp" name={HONEYPOT} tabIndex={-1} autocomplete="off" />
              </div>
              <button
                type="submit"
                class="w-full rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700"
              >
                Send
              </button>
            </form>
          )}
      </div>
      <p class="mt-6 text-center text-xs text-slate-600">Powered by NexaCRM</p>
    </main>
  );
}
