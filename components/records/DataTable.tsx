/** A record list as an accessible table: a caption, column headers, and the first cell as the row header. */
import type { ComponentChildren } from "preact";
import { EmptyState } from "./ui.tsx";

export interface Column<R> {
  label: string;
  render: (row: R) => ComponentChildren;
  /** Hidden on small screens. */
  wide?: boolean;
  align?: "right";
}

export function DataTable<R extends { id: string }>(
  { caption, columns, rows, empty }: { caption: string; columns: Column<R>[]; rows: R[]; empty: ComponentChildren },
) {
  if (!rows.length) {
    return (
      <div class="rounded-lg border border-slate-200 bg-white shadow-sm">
        <EmptyState>{empty}</EmptyState>
      </div>
    );
  }
  // Below md each row is a card: the first cell as its title, the others on lines of their own under their column's
  // label (from data-label); wide columns are left out there.
  const cell = (c: Column<R>) =>
    `md:px-4 md:py-2.5 ${c.wide ? "hidden md:table-cell" : "block md:table-cell"} ${
      c.align === "right" ? "md:text-right tabular-nums" : ""
    }`;
  const labelled = "before:content-[attr(data-label)':_'] before:text-slate-500 md:before:content-none";
  return (
    <div class="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table class="block min-w-full divide-y divide-slate-200 text-sm md:table">
        <caption class="sr-only">{caption}</caption>
        <thead class="hidden bg-slate-50 md:table-header-group">
          <tr>
            {columns.map((c) => (
              <th
                key={c.label}
                scope="col"
                class={`${cell(c)} text-left text-xs font-semibold uppercase tracking-wide text-slate-500`}
              >
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="block divide-y divide-slate-100 md:table-row-group">
          {rows.map((row) => (
            <tr key={row.id} class="block px-4 py-3 hover:bg-slate-50 md:table-row md:p-0">
              {columns.map((c, i) =>
                i === 0
                  ? (
                    <th key={c.label} scope="row" class={`${cell(c)} text-left font-medium text-slate-900`}>
                      {c.render(row)}
                    </th>
                  )
                  : (
                    <td key={c.label} data-label={c.label} class={`${cell(c)} ${labelled} text-slate-700`}>
                      {c.render(row)}
                    </td>
                  )
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A link to a record, in a table cell or in a record's details. */
export function RowLink({ href, children }: { href: string; children: ComponentChildren }) {
  return <a href={href} class="text-brand-700 hover:underline">{children}</a>;
}
