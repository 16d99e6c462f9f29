import { AuthCard, Notice } from "@/components/AuthCard.tsx";
import { Button } from "@/components/AuthPanels.tsx";
import { clientMeta } from "@/lib/auth/events.ts";
import { attemptLimit } from "@/lib/auth/limits.ts";
import { sessionUser } from "@/lib/auth/session.ts";
import { signInAfterVerify } from "@/lib/auth/signup.ts";
import { sendVerification, verifyEmail } from "@/lib/auth/verification.ts";
import type { Handlers, PageProps } from "@/lib/fresh/types.ts";
import { redirect, safeNext } from "@/lib/http/redirect.ts";
import { tooManyRequests } from "@/lib/ratelimit/mod.ts";

type State = "check-inbox" | "verified" | "invalid" | "resent";

interface Data {
  state: State;
  email: string | null;
  verified: boolean;
  next: string;
}

export const handler: Handlers<Data> = {
  /** `?token=…` confirms the address (the emailed link); without one, "check your inbox". */
  async GET(req, ctx) {
    const token = ctx.url.searchParams.get("token");
    const next = safeNext(ctx.url.searchParams.get("next"));
    const meta = clientMeta(req, ctx);
    const verified = token === null ? null : await verifyEmail(token, meta);
    // The browser that signed up is signed in by its link; any other just sees the address confirmed.
    const cookies = verified ? await signInAfterVerify(req, verified, meta) : [];
    const user = verified && cookies.length ? { ...verified, emailVerified: true } : await sessionUser(req);
    const state: State = token === null ? "check-inbox" : verified ? "verified" : "invalid";
    return ctx.render(
      { state, email: user?.email ?? null, verified: !!user?.emailVerified, next },
      { headers: cookies.map((c): [string, string] => ["set-cookie", c]) },
    );
  },
  /** Sends a new link to the signed-in user. */
  async POST(req, ctx) {
    const user = await sessionUser(req);
    if (!user) return redirect("/login?next=/verify");
    if (user.emailVerified) return redirect("/app");
    const wait = await attemptLimit("verify", { ip: ctx.remoteAddr, account: user.id });
    if (wait) return tooManyRequests(wait);
    await sendVerification(user);
    return ctx.render({ state: "resent", email: user.email, verified: false, next: "/app" });
  },
};

export default function Verify({ data }: PageProps<Data>) {
  const resend = data.email && !data.verified
    ? (
      <form method="post" class="mt-4">
        <Button kind="secondary">Send a new link</Button>
      </form>
    )
    : null;
  if (data.state === "verified") {
    return (
      <AuthCard title="Email confirmed">
        <Notice tone="success">Thank you: your email address is confirmed.</Notice>
        <a href={data.email ? data.next : "/login"} class="text-brand-600 underline">
          {data.email ? "Continue" : "Log in"}
        </a>
      </AuthCard>
    );
  }
  if (data.state === "invalid") {
    return (
      <AuthCard title="This link has expired" intro="The link is invalid, was already used, or is too old.">
        {data.verified ? <a href="/app" class="text-brand-600 underline">Your email is already confirmed</a> : null}
        {resend ?? (
          <p class="text-sm">
            <a href="/login?next=/verify" class="text-brand-600 underline">Log in</a> to get a new one.
          </p>
        )}
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title="Check your inbox"
      intro={data.state === "resent"
        ? `We sent a new confirmation link to ${data.email}.`
        : "We sent you an email. Follow the link in it, in this browser, to confirm your address and continue."}
    >
      {data.email
        ? (
          <>
            <p class="text-sm text-slate-700">
              You are signed in as <strong>{data.email}</strong>. You can start now and confirm later.
            </p>
            <a
              href={data.next}
              class="mt-4 inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
            >
              Continue to NexaCRM
            </a>
            {resend}
          </>
        )
        : (
          <p class="text-sm text-slate-700">
            Already have an account? <a href="/login" class="text-brand-600 underline">Log in</a>
          </p>
        )}
    </AuthCard>
  );
}
