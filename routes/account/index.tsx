import { AccountFrame } from "@/components/AuthAccount.tsx";
import { Notice } from "@/components/AuthCard.tsx";
import { Button, formatTime, PageHeader, Panel } from "@/components/AuthPanels.tsx";
import { listSessions, type SessionUser } from "@/lib/auth/session.ts";
import type { Handlers, PageProps } from "@/lib/fresh/types.ts";

type Data = { sessions: Awaited<ReturnType<typeof listSessions>> };
type State = { user: SessionUser };

const NOTICES: Record<string, string> = {
  password: "Your password was changed and your other sessions were ended.",
  "email-sent": "Check the inbox of the new address: the change happens when you follow the link there.",
  "email-changed": "Your email address was changed. Use it to log in from now on.",
  ended: "Session ended.",
  "ended-others": "All your other sessions were ended.",
};

export const handler: Handlers<Data, State> = {
  async GET(_req, ctx) {
    return ctx.render({ sessions: await listSessions(ctx.state.user.id) });
  },
};

export default function Account({ data, state, url }: PageProps<Data, State>) {
  const { user } = state;
  const notice = NOTICES[url.searchParams.get("notice") ?? ""];
  return (
    <AccountFrame path={url.pathname} email={user.email}>
      <PageHeader title="Your account" intro={`${user.name} · ${user.email}`} />
      {notice ? <Notice tone="success">{notice}</Notice> : null}
      {!user.emailVerified
        ? (
          <Panel title="Confirm your email address" description="We sent you a link when you signed up.">
            <form method="post" action="/verify">
              <Button kind="secondary">Send a new link</Button>
            </form>
          </Panel>
        )
        : null}
      <Panel title="Sessions" description="Where you are logged in. End any session you do not recognise.">
        <ul class="divide-y divide-slate-200">
          {data.sessions.map((s) => (
            <li class="flex items-center justify-between gap-4 py-3">
              <div class="min-w-0 text-sm">
                <p class="truncate font-medium" title={s.user_agent}>{s.user_agent || "Unknown browser"}</p>
                <p class="text-slate-600">
                  {s.ip || "unknown address"} · last active {formatTime(s.last_seen_at)} · since{" "}
                  {formatTime(s.created_at)}
                </p>
              </div>
              {s.id === user.sessionHash
                ? <span class="text-sm font-medium text-green-700">This session</span>
                : (
                  <form method="post" action="/account/sessions">
                    <input type="hidden" name="session" value={s.id} />
                    <Button kind="secondary">End</Button>
                  </form>
                )}
            </li>
          ))}
        </ul>
        {data.sessions.length > 1
          ? (
            <form method="post" action="/account/sessions" class="mt-4">
              <input type="hidden" name="others" value="1" />
              <Button kind="danger">End all other sessions</Button>
            </form>
          )
          : null}
      </Panel>
    </AccountFrame>
  );
}
