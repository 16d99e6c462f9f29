import { AccountFrame } from "@/components/AuthAccount.tsx";
import { PageHeader } from "@/components/AuthPanels.tsx";
import { confirmEmailChange } from "@/lib/auth/account_changes.ts";
import { clientMeta } from "@/lib/auth/events.ts";
import type { SessionUser } from "@/lib/auth/session.ts";
import type { Handlers, PageProps } from "@/lib/fresh/types.ts";
import { redirect } from "@/lib/http/redirect.ts";

type Data = Record<never, never>;
type State = { user: SessionUser };

/** The link mailed to the new address. */
export const handler: Handlers<Data, State> = {
  async GET(req, ctx) {
    const changed = await confirmEmailChange(ctx.url.searchParams.get("token") ?? "", clientMeta(req, ctx));
    return changed ? redirect("/account?notice=email-changed") : ctx.render({}, { status: 400 });
  },
};

export default function ConfirmEmail({ state, url }: PageProps<Data, State>) {
  return (
    <AccountFrame path={url.pathname} email={state.user.email}>
      <PageHeader title="Email address" />
      <p class="text-slate-700">
        This link is invalid, was already used or has expired, or the address is now taken.{" "}
        <a href="/account/email" class="text-brand-600 underline">Start again</a>
      </p>
    </AccountFrame>
  );
}
