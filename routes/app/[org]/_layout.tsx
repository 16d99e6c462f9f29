import { AppShell } from "@/components/AppShell.tsx";
import type { AuthContext } from "@/lib/auth/guard.ts";
import type { PageProps } from "@/lib/fresh/types.ts";

export default function OrgLayout({ Component, state, url }: PageProps<unknown, { auth: AuthContext }>) {
  return (
    <AppShell auth={state.auth} path={url.pathname}>
      <Component />
    </AppShell>
  );
}
