import { listEmails, mailboxEnabled } from "@/lib/email/mailbox.ts";
import { notFound } from "@/lib/fresh/errors.ts";
import type { Handlers, PageProps } from "@/lib/fresh/types.ts";
import { MailboxFrame } from "@/components/AuthMailbox.tsx";

type Data = { emails: Awaited<ReturnType<typeof listEmails>>; to: string };

export const handler: Handlers<Data> = {
  async GET(_req, ctx) {
    if (!mailboxEnabled()) throw notFound();
    const to = (ctx.url.searchParams.get("to") ?? "").slice(0, 254);
    return ctx.render({ emails: await listEmails({ to: to || undefined }), to });
  },
};

export default function Mailbox({ data }: PageProps<Data>) {
  return (
    <MailboxFrame>
      <form method="get" class="mb-4 flex gap-2" role="search">
        <label for="to" class="sr-only">Recipient</label>
        <input
          id="to"
          name="to"
          type="email"
          value={data.to}
          placeholder="Filter by recipient"
          class="flex-1 rounded-md border border-slate-300 px-3 py-2 text-sm"
        />
        <button type="submit" class="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm">Filter</button>
      </form>
      {data.emails.length === 0
        ? <p class="text-slate-600">No emails yet.</p>
        : (
          <ul class="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {data.emails.map((e) => (
              <li>
                <a href={`/dev/mailbox/${e.id}`} class="block px-4 py-3 hover:bg-slate-50">
                  <span class="block font-medium">{e.subject}</span>
                  <span class="block text-sm text-slate-600">
                    To {e.to_address} · {e.created_at.toISOString().replace("T", " ").slice(0, 19)} UTC
                  </span>
                </a>
              </li>
            ))}
          </ul>
        )}
    </MailboxFrame>
  );
}
