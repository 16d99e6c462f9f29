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
  const cell = (c: Column<R>) =>
    `px-4 py-2.5 ${c.wide ? "hidden md:table-cell" : ""} ${c.align === "right" ? "text-right tabular-nums" : ""}`;
  return (
    <div class="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table class="min-w-full divide-y divide-slate-200 text-sm">
        <caption class="sr-only">{caption}</caption>
        <thead class="bg-slate-50">
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
        <tbody class="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.id} class="hover:bg-slate-50">
              {columns.map((c, i) =>
                i === 0
                  ? (
                    <th key={c.label} scope="row" class={`${cell(c)} text-left font-medium text-slate-900`}>
                      {c.render(row)}
                    </th>
                  )
                  : <td key={c.label} class={`${cell(c)} text-slate-700`}>{c.render(row)}</td>
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
