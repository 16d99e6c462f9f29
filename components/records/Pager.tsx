import { counted } from "@/components/records/format.ts";
import { COUNT_CAP } from "@/lib/records/list.ts";

/** Result count and keyset page links: "next" carries the cursor, "first" drops it. */
export function Pager(
  { url, total, shown, next, noun, nouns }: {
    url: URL;
    total: number;
    shown: number;
    next: string | null;
    /** The noun for one row, and for several when it is not just "s" added. */
    noun: string;
    nouns?: string;
  },
) {
  const link = (cursor: string | null) => {
    const u = new URL(url);
    if (cursor) u.searchParams.set("after", cursor);
    else u.searchParams.delete("after");
    return u.pathname + u.search;
  };
  const paged = url.searchParams.has("after");
  return (
    <nav aria-label="Pages" class="mt-3 flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600">
      <p aria-live="polite">
        {total === 0
          ? `No ${nouns ?? `${noun}s`}`
          : `Showing ${shown.toLocaleString("en")} of ${counted(total, noun, nouns, formatCount(total))}${
            paged ? " (later page)" : ""
          }`}
      </p>
      <div class="flex gap-2">
        {paged
          ? <a href={link(null)} class="rounded-md border border-slate-300 bg-white px-3 py-1">« First page</a>
          : null}
        {next
          ? (
            <a href={link(next)} rel="next" class="rounded-md border border-slate-300 bg-white px-3 py-1">
              Next page »
            </a>
          )
          : null}
      </div>
    </nav>
  );
}

/** A capped count: "10,000+" past the cap. */
export function formatCount(total: number): string {
  return total > COUNT_CAP ? `${COUNT_CAP.toLocaleString("en")}+` : total.toLocaleString("en");
}
