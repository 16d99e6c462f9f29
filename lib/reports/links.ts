/** Links of the reports: the page with other filters, its CSV downloads, and deal lists a bar opens. */
import { filterQuery, type ReportFilters } from "./filters.ts";

export const reportsPath = (slug: string) => `/app/${slug}/reports`;

/** The deal list narrowed to the report's pipeline, owner and team, and to `query` (status, days, stage…). */
export function dealsLink(
  slug: string,
  f: Pick<ReportFilters, "pipeline" | "owner" | "team">,
  query: Record<string, string>,
) {
  const params = new URLSearchParams(query);
  if (f.pipeline) params.set("pipeline", f.pipeline);
  if (f.owner) params.set("owner", f.owner);
  if (f.team) params.set("team", f.team);
  return `/app/${slug}/deals/list?${params}`;
}

export const csvLink = (slug: string, f: ReportFilters, chart: string) =>
  `${reportsPath(slug)}/export${filterQuery(f, { chart })}`;
