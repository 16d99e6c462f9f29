import { LinkedText, MailboxFrame } from "@/components/AuthMailbox.tsx";
import { getEmail, mailboxEnabled } from "@/lib/email/mailbox.ts";
import { notFound } from "@/lib/fresh/errors.ts";
import type { Handlers, PageProps } from "@/lib/fresh/types.ts";

type Email = NonNullable<Awaited<ReturnType<typeof getEmail>>>;

export const handler: Handlers<Email> = {
  async GET(_req, ctx) {
    const email = mailboxEnabled() ? await getEmail(ctx.params.id) : null;
    if (!email) throw notFound();
    return ctx.render(email);
  },
};

export default function MailboxEmail({ data }: PageProps<Email>) {
  return (
    <MailboxFrame>
      <article class="rounded-lg border border-slate-200 bg-white p-6" aria-labelledby="subject">
        <h2 id="subject" class="text-lg font-semibold">{data.subject}</h2>
        <dl class="mt-2 text-sm text-slate-600">
          <div class="flex gap-2">
            <dt>To</dt>
            <dd>{data.to_address}</dd>
          </div>
          <div class="flex gap-2">
            <dt>Sent</dt>
            <dd>{data.created_at.toISOString().replace("T", " ").slice(0, 19)} UTC</dd>
          </div>
        </dl>
        <div class="mt-4 border-t border-slate-200 pt-4">
          <LinkedText text={data.text_body} />
        </div>
      </article>
      <p class="mt-4">
        <a href="/dev/mailbox" class="text-sm text-brand-600 underline">← All emails</a>
      </p>
    </MailboxFrame>
  );
}
