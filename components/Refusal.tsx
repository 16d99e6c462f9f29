/** A refusal the app explains (403, 402 read-only, 409…): a title for its status, its message and a way back. */

export interface RefusalData {
  status: number;
  message: string;
}

const TITLES: Record<number, string> = {
  400: "That request could not be read",
  402: "Not available right now",
  403: "You do not have access to this",
  409: "That changed in the meantime",
  413: "That is too large",
  422: "That could not be saved",
  429: "Too many attempts",
};

export function Refusal({ refusal, home, homeLabel }: { refusal: RefusalData; home: string; homeLabel: string }) {
  return (
    <div class="max-w-xl mx-auto px-6 py-16 text-center">
      <h1 class="text-3xl font-bold">{TITLES[refusal.status] ?? "That could not be done"}</h1>
      <p class="mt-4 text-slate-600">{refusal.message}</p>
      <a href={home} class="mt-8 inline-block text-brand-700 underline">{homeLabel}</a>
    </div>
  );
}
