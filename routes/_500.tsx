import type { PageProps } from "@/lib/fresh/types.ts";

/** A refusal the app explains (its status and message), or an unexpected error that says nothing more. */
type Refusal = { status: number; message: string } | undefined;

const TITLES: Record<number, string> = {
  400: "That request could not be read",
  402: "Not available right now",
  403: "You do not have access to this",
  409: "That changed in the meantime",
  413: "That is too large",
  422: "That could not be saved",
  429: "Too many attempts",
};

export default function ServerError({ data }: PageProps<Refusal>) {
  return (
    <main class="max-w-xl mx-auto px-6 py-24 text-center">
      <h1 class="text-3xl font-bold">
        {data ? TITLES[data.status] ?? "That could not be done" : "Something went wrong"}
      </h1>
      <p class="mt-4 text-slate-600">
        {data?.message ?? "We could not complete that request. It has been logged; please try again."}
      </p>
      <a href={data ? "/app" : "/"} class="mt-8 inline-block text-brand-600 underline">
        {data ? "Back to your workspaces" : "Back to the start"}
      </a>
    </main>
  );
}
