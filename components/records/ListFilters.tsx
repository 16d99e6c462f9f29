/** The filter bar of a list: a GET form (text, owner, status, sort), so filtered lists are links. */
import { withQuery } from "@/lib/http/paths.ts";
import type { Member } from "@/lib/records/members.ts";

export interface FilterChoice {
  name: string;
  label: string;
  value: string;
  options: [value: string, label: string][];
}

export function ownerChoice(members: Member[], value: string, label = "Owner", anyone = "Anyone"): FilterChoice {
  return {
    name: "owner",
    label,
    value,
    options: [
      ["", anyone],
      ["me", "Me"],
      ["none", "Unassigned"],
      ...members.map((m) => [m.id, m.name] as [string, string]),
    ],
  };
}

export function sortChoice(sorts: Record<string, { label: string }>, value: string): FilterChoice {
  return { name: "sort", label: "Sort", value, options: Object.entries(sorts).map(([k, s]) => [k, s.label]) };
}

export function ListFilters(
  { action, q, choices, searchLabel = "Search", keep = {} }: {
    action: string;
    q: string;
    choices: FilterChoice[];
    searchLabel?: string;
    /** Query parameters that stay as they are when filtering or resetting (the board's pipeline). */
    keep?: Record<string, string>;
  },
) {
  const control =
    "mt-1 block min-h-[44px] w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm md:min-h-0";
  return (
    <form method="get" action={action} role="search" class="mb-4 flex flex-wrap items-end gap-3">
      {Object.entries(keep).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />)}
      <div class="grow basis-48">
        <label for="filter-q" class="block text-xs font-medium text-slate-600">{searchLabel}</label>
        <input id="filter-q" name="q" type="search" value={q} class={control} />
      </div>
      {/* On a phone the choices fold behind "Filters"; from md up they sit in the bar (FOLD in lib/fresh/twind.ts). */}
      <details data-fold open={choices.some((c) => c.value !== c.options[0]?.[0])} class="w-full md:contents">
        <summary class="flex min-h-[44px] cursor-pointer items-center text-sm font-medium text-slate-700">
          Filters
        </summary>
        <div class="mt-2 flex flex-wrap items-end gap-3 md:contents">
          {choices.map((c) => (
            <div key={c.name} class="basis-36">
              <label for={`filter-${c.name}`} class="block text-xs font-medium text-slate-600">{c.label}</label>
              <select id={`filter-${c.name}`} name={c.name} class={control}>
                {c.options.map(([value, label]) => (
                  <option key={value} value={value} selected={value === c.value}>{label}</option>
                ))}
              </select>
            </div>
          ))}
          <div class="flex gap-2">
            <button
              type="submit"
              class="min-h-[44px] rounded-md bg-brand-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-brand-700 md:min-h-0"
            >
              Apply
            </button>
            <a
              href={withQuery(action, keep)}
              class="flex min-h-[44px] items-center rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-700 md:min-h-0"
            >
              Reset
            </a>
          </div>
        </div>
      </details>
    </form>
  );
}
