/**
 * A report: its periods, the org's pipelines and members (names, stages, probabilities: read on
 * each request, they are few rows), and five sections of numbers, each cached under the org's data
 * version with everything it depends on in its key: who may see what, the filters, the period,
 * the org's zone and currency.
 */
import type { AuthContext } from "../auth/guard.ts";
import { readThrough } from "../cache/cache.ts";
import { orgKeyPrefix } from "../cache/org_keys.ts";
import type { OrgScope } from "../data/scope.ts";
import { notFound } from "../fresh/errors.ts";
import { type Pipeline, pipelinesWithStages } from "../pipelines/pipelines.ts";
import { type Member, orgMembers } from "../records/members.ts";
import { inOrg } from "../records/records.ts";
import { seesAll } from "../records/visibility.ts";
import { type ActivityCounts, activityCounts } from "./activity.ts";
import { closedByBucket, type ClosedDeals, closedDeals } from "./closed.ts";
import type { ReportFilters } from "./filters.ts";
import { type LeadFunnel, leadFunnel } from "./leads.ts";
import { type OpenDeals, openDeals } from "./open.ts";
import { localDay, type Periods, periodsOf } from "./periods.ts";
import type { ReportScope } from "./scope.ts";

export interface ReportSections {
  closed: ClosedDeals;
  previous: ClosedDeals["cells"];
  open: OpenDeals;
  leads: LeadFunnel;
  activity: ActivityCounts;
}

export interface Report {
  filters: ReportFilters;
  periods: Periods;
  /** The org's today (ISO date in its zone): forecast months count from its month. */
  today: string;
  currency: string;
  pipelines: Pipeline[];
  members: Member[];
  sections: ReportSections;
  /** How many sections came from the cache. */
  cached: number;
}

type SectionName = keyof ReportSections;
type Section = { [K in SectionName]: { name: K; key: string; compute: (q: OrgScope) => Promise<ReportSections[K]> } }[
  SectionName
];

/** Bump when a section's shape changes, so values cached by the previous code are not read. */
const SHAPE = "r1";

function sections(s: ReportScope, periods: Periods): Section[] {
  const { current, previous, weeks } = periods;
  const who = seesAll(s.viewer) ? "all" : `user=${s.viewer.user.id}`;
  const f = s.filters;
  const common = `${who}|${s.currency}|${s.zone}|p=${f.pipeline}|o=${f.owner}|t=${f.team}`;
  const span = (p: typeof current) => `${p.start}..${p.end}/${p.unit}`;
  return [
    { name: "closed", key: `${common}|${span(current)}`, compute: (q) => closedDeals(q, s, current) },
    { name: "previous", key: `${common}|${span(previous)}`, compute: (q) => closedByBucket(q, s, previous) },
    { name: "open", key: common, compute: (q) => openDeals(q, s) },
    { name: "leads", key: `${common}|${span(current)}`, compute: (q) => leadFunnel(q, s, current) },
    { name: "activity", key: `${common}|${span(weeks)}`, compute: (q) => activityCounts(q, s, weeks) },
  ];
}

/** What the filter form offers when there is no report to show (a custom range to correct). */
export function reportChoices(auth: AuthContext): Promise<{ pipelines: Pipeline[]; members: Member[] }> {
  return inOrg(auth, async (q) => ({ pipelines: await pipelinesWithStages(q), members: await orgMembers(q) }));
}

export async function loadReport(auth: AuthContext, filters: ReportFilters, now = new Date()): Promise<Report> {
  const zone = auth.org.time_zone;
  const currency = auth.org.currency;
  const periods = periodsOf(filters.range, now, zone, filters);
  const scope: ReportScope = { viewer: auth, filters, currency, zone };
  return await inOrg(auth, async (q) => {
    const pipelines = await pipelinesWithStages(q);
    if (filters.pipeline && !pipelines.some((p) => p.id === filters.pipeline)) throw notFound("No such pipeline");
    const members = await orgMembers(q);
    const prefix = await orgKeyPrefix(q);
    const list = sections(scope, periods);
    const { values, hits } = await readThrough(
      list.map((section) => `${prefix}:${SHAPE}:${section.name}:${section.key}`),
      async (missing) => {
        const computed: unknown[] = [];
        for (const i of missing) computed.push(await list[i].compute(q));
        return computed;
      },
    );
    const found = Object.fromEntries(list.map((section, i) => [section.name, values[i]])) as unknown as ReportSections;
    return {
      filters,
      periods,
      today: localDay(now, zone),
      currency,
      pipelines,
      members,
      sections: found,
      cached: hits,
    };
  });
}
