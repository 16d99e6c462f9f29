import type { AuthContext } from "@/lib/auth/guard.ts";
import type { PageProps } from "@/lib/fresh/types.ts";

export default function Home({ state }: PageProps<unknown, { auth: AuthContext }>) {
  return (
    <section aria-labelledby="home-title">
      <h1 id="home-title" class="text-2xl font-semibold">Good day, {state.auth.user.name}</h1>
    </section>
  );
}
