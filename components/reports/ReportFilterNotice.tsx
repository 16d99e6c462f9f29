/** On the deal list opened from a report's bar: what the list is narrowed to, and a way back to all deals. */
import type { DealListParams } from "@/lib/deals/list.ts";

const day = (iso: string) =>
  new Date(`${iso}T00:00:00Z`).toLocaleDateString("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  });
const span = (from: string, to: string) =>
  from && to ? `${day(from)} – ${day(to)}` : from ? `from ${day(from)}` : `to ${day(to)}`;

export function ReportFilterNotice({ params, href }: { params: DealListParams; href: string }) {
  const parts = [
    params.closedFrom || params.closedTo ? `closed ${span(params.closedFrom, params.closedTo)}` : "",
    params.expectedFrom || params.expectedTo ? `expected to close ${span(params.expectedFrom, params.expectedTo)}` : "",
    params.reason ? `lost for “${params.reason}”` : "",
    params.team ? `owned by team ${params.team}` : "",
  ].filter(Boolean);
  if (!parts.length) return null;
  return (
    <p class="mb-3 text-sm text-slate-600" data-testid="report-filter">
      Showing deals {parts.join(", ")}. <a href={href} class="underline">Show all deals</a>
    </p>
  );
}
