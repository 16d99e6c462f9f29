import { Refusal, type RefusalData } from "@/components/Refusal.tsx";
import type { PageProps } from "@/lib/fresh/types.ts";

/** A refusal the app explains (its status and message), or an unexpected error that says nothing more. */
export default function ServerError({ data }: PageProps<RefusalData | undefined>) {
  return (
    <main>
      {data
        ? <Refusal refusal={data} home="/app" homeLabel="Back to your workspaces" />
        : (
          <div class="max-w-xl mx-auto px-6 py-24 text-center">
            <h1 class="text-3xl font-bold">Something went wrong</h1>
            <p class="mt-4 text-slate-600">We could not complete that request. It has been logged; please try again.</p>
            <a href="/" class="mt-8 inline-block text-brand-700 underline">Back to the start</a>
          </div>
        )}
    </main>
  );
}
