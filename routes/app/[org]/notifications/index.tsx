/** The inbox: the user's notifications, newest first, a page at a time; all or unread only; mark read. */
import { Button, PageHeader } from "@/components/AuthPanels.tsx";
import { NotificationList } from "@/components/notifications/NotificationList.tsx";
import type { AuthContext } from "@/lib/auth/guard.ts";
import { withOrg } from "@/lib/data/scope.ts";
import type { Handlers, PageProps } from "@/lib/fresh/types.ts";
import { orgPath, withQuery } from "@/lib/http/paths.ts";
import { type InboxPage, inboxPage } from "@/lib/notifications/inbox.ts";
import { UUID } from "@/lib/records/fields.ts";
import { tenantOf } from "@/lib/tenancy/context.ts";

const PAGE_SIZE = 25;

interface Data {
  page: InboxPage;
  unread: boolean;
}
type State = { auth: AuthContext };

export const handler: Handlers<Data, State> = {
  async GET(_req, ctx) {
    const { auth } = ctx.state;
    const before = ctx.url.searchParams.get("before");
    const unread = ctx.url.searchParams.get("unread") === "1";
    const page = await withOrg(
      tenantOf(auth),
      (q) =>
        inboxPage(q, auth.user.id, { before: before && UUID.test(before) ? before : null, unread, size: PAGE_SIZE }),
    );
    return ctx.render({ page, unread });
  },
};

export default function Notifications({ data, state, url }: PageProps<Data, State>) {
  const base = orgPath(state.auth.org.slug, "notifications");
  const tab = (unread: boolean, label: string) => (
    <a
      href={withQuery(base, { unread: unread ? 1 : null })}
      aria-current={data.unread === unread ? "page" : undefined}
      class={`flex min-h-[44px] items-center rounded-md px-3 text-sm ${
        data.unread === unread ? "bg-brand-50 font-medium text-brand-700" : "text-slate-700 hover:bg-slate-100"
      }`}
    >
      {label}
    </a>
  );
  return (
    <div class="max-w-3xl">
      <PageHeader
        title="Notifications"
        intro={
          <>
            What happened that concerns you. <a href={`${base}/preferences`} class="underline">Choose what you get</a>.
          </>
        }
      />
      <div class="mb-4 flex flex-wrap items-center justify-between gap-3">
        <nav aria-label="Filter notifications" class="flex gap-2">
          {tab(false, "All")}
          {tab(true, "Unread")}
        </nav>
        <form method="post" action={`${base}/read`}>
          <input type="hidden" name="back" value={url.pathname + url.search} />
          <Button kind="secondary">Mark all read</Button>
        </form>
      </div>
      <NotificationList items={data.page.items} readAction={`${base}/read`} back={url.pathname + url.search} />
      {data.page.items.length === 0
        ? <p class="text-sm text-slate-600">{data.unread ? "No unread notifications." : "No notifications yet."}</p>
        : null}
      {data.page.next
        ? (
          <a
            href={withQuery(base, { unread: data.unread ? 1 : null, before: data.page.next })}
            class="mt-4 inline-flex min-h-[44px] items-center rounded-md border border-slate-300 bg-white px-4 text-sm font-medium text-slate-700 hover:bg-slate-50"
          >
            Older
          </a>
        )
        : null}
    </div>
  );
}
