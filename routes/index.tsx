import { SiteHeader } from "@/components/SiteHeader.tsx";
import ForecastPreview from "@/islands/ForecastPreview.tsx";
import { publicPageHandler, signedIn } from "@/lib/auth/public_pages.ts";
import type { PageProps, RouteConfig } from "@/lib/fresh/types.ts";

const stages = [
  { name: "Qualified", probability: 10 },
  { name: "Meeting booked", probability: 30 },
  { name: "Proposal sent", probability: 60 },
  { name: "Negotiation", probability: 80 },
  { name: "Won", probability: 100 },
];

const features = [
  ["Leads to revenue", "Capture leads from a web form, the API or a CSV; convert them to a deal in one step."],
  ["A board that keeps up", "Drag deals across stages with mouse, touch or keyboard, even with thousands open."],
  ["Isolated workspaces", "Every company's data sits behind its own wall, checked on every request."],
  ["Billing built in", "Trials, seats and plans on Stripe from day one."],
];

/** Rendered once per variant (signed out, signed in) and served from memory. */
export const config: RouteConfig = { static: true };
export const handler = publicPageHandler;

export default function Landing({ url }: PageProps) {
  const member = signedIn(url);
  return (
    <>
      <SiteHeader signedIn={member} />
      <main>
        <section class="max-w-6xl mx-auto px-6 py-20 grid gap-12 md:grid-cols-2 items-center">
          <div>
            <h1 class="text-4xl md:text-5xl font-bold tracking-tight">The CRM that moves as fast as your team.</h1>
            <p class="mt-6 text-lg text-slate-600">
              NexaCRM gives every company its own workspace to capture leads, work deals through pipelines, close them
              and see revenue and conversion — without the wait.
            </p>
            <div class="mt-8 flex flex-wrap gap-4">
              {member
                ? (
                  <a href="/app" class="rounded-md bg-brand-600 px-5 py-3 font-medium text-white hover:bg-brand-700">
                    Open app
                  </a>
                )
                : (
                  <>
                    <a
                      href="/signup"
                      class="rounded-md bg-brand-600 px-5 py-3 font-medium text-white hover:bg-brand-700"
                    >
                      Sign up free
                    </a>
                    <a href="/login" class="rounded-md border border-slate-300 bg-white px-5 py-3 font-medium">
                      Log in
                    </a>
                  </>
                )}
              <a href="/pricing" class="rounded-md border border-slate-300 bg-white px-5 py-3 font-medium">
                See pricing
              </a>
            </div>
          </div>
          <ForecastPreview stages={stages} dealValue={24000} currency="USD" />
        </section>
        <section class="bg-white border-t border-slate-200" aria-labelledby="features">
          <div class="max-w-6xl mx-auto px-6 py-16">
            <h2 id="features" class="text-2xl font-semibold">Why teams switch</h2>
            <ul class="mt-8 grid gap-6 md:grid-cols-2">
              {features.map(([title, text]) => (
                <li class="rounded-lg border border-slate-200 p-6">
                  <h3 class="font-semibold">{title}</h3>
                  <p class="mt-2 text-slate-600">{text}</p>
                </li>
              ))}
            </ul>
          </div>
        </section>
      </main>
    </>
  );
}
