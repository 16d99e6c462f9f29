import { formatCount } from "@/components/records/Pager.tsx";
import { Card, PageHeader } from "@/components/records/ui.tsx";
import type { AuthContext } from "@/lib/auth/guard.ts";
import type { Handlers, PageProps } from "@/lib/fresh/types.ts";
import { orgPath } from "@/lib/http/paths.ts";
import { COUNT_CAP } from "@/lib/records/list.ts";
import { recordPath, RECORDS } from "@/lib/records/records.ts";
import { searchAll, type SearchGroup } from "@/lib/search/search.ts";
import { counted } from "@/components/records/format.ts";

type State = { auth: AuthContext };
interface Data {
  q: string;
  groups: SearchGroup[];
}

const HEADINGS = { company: "Companies", contact: "Contacts", lead: "Leads", deal: "Deals" };
/** The full list a group's "see all" opens, filtered by the same text (leads of every status). */
const LISTS = {
  company: (slug: string, q: string) => orgPath(slug, "companies", { q }),
  contact: (slug: string, q: string) => orgPath(slug, "contacts", { q }),
  lead: (slug: string, q: string) => orgPath(slug, "leads", { status: "all", q }),
  deal: (slug: string, q: string) => orgPath(slug, "deals", "list", { q }),
};

export const handler: Handlers<Data, State> = {
  async GET(_req, ctx) {
    const q = (ctx.url.searchParams.get("q") ?? "").trim().slice(0, 200);
    return ctx.render({ q, groups: await searchAll(ctx.state.auth, q) });
  },
};

export default function Search({ data, state }: PageProps<Data, State>) {
  const slug = state.auth.org.slug;
  const found = data.groups.reduce((n, g) => n + g.total, 0);
  return (
    <>
      <PageHeader title="Search" />
      <form method="get" role="search" class="mb-6 flex max-w-2xl gap-2">
        <label for="search-q" class="sr-only">Search companies, contacts, leads and deals</label>
        <input
          id="search-q"
          name="q"
          type="search"
          value={data.q}
          placeholder="Name, email, domain…"
          class="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm"
        />
        <button
          type="submit"
          class="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
        >
          Search
        </button>
      </form>
      {!data.q
        ? <p class="text-sm text-slate-500">Type a name, an email or a domain; the start of a word is enough.</p>
        : (
          <>
            <p aria-live="polite" class="mb-4 text-sm text-slate-600">
              {found
                ? `${
                  counted(
                    found,
                    "result",
                    "results",
                    found > COUNT_CAP ? `More than ${formatCount(COUNT_CAP)}` : formatCount(found),
                  )
                } for “${data.q}”`
                : `Nothing found for “${data.q}”.`}
            </p>
            <div class="grid gap-6 md:grid-cols-2">
              {data.groups.filter((g) => g.total > 0).map((g) => (
                <Card
                  key={g.type}
                  id={`results-${g.type}`}
                  title={`${HEADINGS[g.type]} (${formatCount(g.total)})`}
                >
                  <ul class="divide-y divide-slate-100 text-sm">
                    {g.hits.map((h) => (
                      <li key={h.id} class="py-2">
                        <a href={recordPath(slug, g.type, h.id)} class="font-medium text-brand-700 hover:underline">
                          {h.title}
                        </a>
                        {h.subtitle ? <span class="text-slate-500">{` · ${h.subtitle}`}</span> : null}
                      </li>
                    ))}
                  </ul>
                  {g.total > g.hits.length
                    ? (
                      <a
                        href={LISTS[g.type](slug, data.q)}
                        class="mt-2 inline-block text-sm text-brand-700 hover:underline"
                      >
                        See all {formatCount(g.total)} {RECORDS[g.type].noun} results
                      </a>
                    )
                    : null}
                </Card>
              ))}
            </div>
          </>
        )}
    </>
  );
}
