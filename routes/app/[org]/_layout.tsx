import { AppShell } from "@/components/AppShell.tsx";
import { BillingBanner } from "@/components/billing/BillingBanner.tsx";
import type { AuthContext } from "@/lib/auth/guard.ts";
import type { BillingStatus } from "@/lib/billing/status.ts";
import type { PageProps } from "@/lib/fresh/types.ts";

type State = { auth: AuthContext; billing: BillingStatus };

export default function OrgLayout({ Component, state, url }: PageProps<unknown, State>) {
  return (
    <AppShell auth={state.auth} path={url.pathname}>
      <BillingBanner status={state.billing} role={state.auth.role} />
      <Component />
    </AppShell>
  );
}
