import { AppShell } from "@/components/AppShell.tsx";
import { BillingBanner } from "@/components/billing/BillingBanner.tsx";
import { Refusal, type RefusalData } from "@/components/Refusal.tsx";
import type { AuthContext } from "@/lib/auth/guard.ts";
import type { BillingStatus } from "@/lib/billing/status.ts";
import type { PageProps } from "@/lib/fresh/types.ts";
import { orgPath } from "@/lib/http/paths.ts";

/** `refusal` is set by the middleware when the page refused the request: it is explained in place of the page. */
type State = { auth: AuthContext; billing: BillingStatus; refusal?: RefusalData };

export default function OrgLayout({ Component, state, url }: PageProps<unknown, State>) {
  const home = orgPath(state.auth.org.slug);
  return (
    <AppShell auth={state.auth} path={url.pathname}>
      <BillingBanner status={state.billing} role={state.auth.role} />
      {state.refusal
        ? <Refusal refusal={state.refusal} home={home} homeLabel={`Back to ${state.auth.org.name}`} />
        : <Component />}
    </AppShell>
  );
}
