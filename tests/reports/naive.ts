/**
 * The reports' numbers recomputed the slow, obvious way: every row of the org read into memory
 * and counted in TypeScript, with the rules written out once more (who sees what, which day an
 * instant falls on in the org's zone, how far a deal got from its stage history). The
 * correctness tests compare lib/reports/metrics.ts with this.
 */
import type { AuthContext } from "@/lib/auth/guard.ts";
import { can } from "@/lib/auth/permissions.ts";
import { type OrgScope, withOrg } from "@/lib/data/scope.ts";
import type { ReportFilters } from "@/lib/reports/filters.ts";
import { addMonths, type Period, type Periods } from "@/lib/reports/periods.ts";
import { toWallClock } from "@/lib/time/zones.ts";

const KINDS = ["call", "email", "meeting", "note", "task"] as const;
type Kind = typeof KINDS[number];

export interface Rows {
  deals: {
    id: string;
    owner_id: string | null;
    pipeline_id: string;
    stage_id: string;
    value_minor: number;
    currency: string;
    expected_close_date: string | null;
    status: "open" | "won" | "lost";
    lost_reason: string | null;
    created_at: Date;
    closed_at: Date | null;
    deleted_at: Date | null;
  }[];
  /** Stage changes of deals, oldest first. */
  moves: { record_id: string; detail: { from_id?: string; to_id?: string } }[];
  stages: { id: string; pipeline_id: string; position: number; probability: number }[];
  activities: {
    owner_id: string | null;
    type: Kind;
    created_at: Date;
    done_at: Date | null;
    deleted_at: Date | null;
  }[];
  leads: {
    owner_id: string | null;
    status: string;
    converted_deal_id: string | null;
    created_at: Date;
    deleted_at: Date | null;
  }[];
  members: { user_id: string; team: string | null }[];
}

/** Every row of the org, as its owner reads them. */
export async function readRows(orgId: string): Promise<Rows> {
  return await withOrg({ orgId }, async (q: OrgScope) => ({
    deals: await q.selectFrom("deals").select([
      "id",
      "owner_id",
      "pipeline_id",
      "stage_id",
      "value_minor",
      "currency",
      "expected_close_date",
      "status",
      "lost_reason",
      "created_at",
      "closed_at",
      "deleted_at",
    ]).execute(),
    moves: (await q.selectFrom("record_events").select(["record_id", "detail"])
      .where("record_type", "=", "deal").where("kind", "=", "stage_changed").orderBy("id").execute())
      .map((e) => ({
        record_id: e.record_id,
        detail: (typeof e.detail === "string" ? JSON.parse(e.detail) : e.detail) as {
          from_id?: string;
          to_id?: string;
        },
      })),
    stages: await q.selectFrom("stages").select(["id", "pipeline_id", "position", "probability"]).execute(),
    activities: await q.selectFrom("activities").select(["owner_id", "type", "created_at", "done_at", "deleted_at"])
      .execute(),
    leads: await q.selectFrom("leads").select(["owner_id", "status", "converted_deal_id", "created_at", "deleted_at"])
      .execute(),
    members: await q.selectFrom("memberships").select(["user_id", "team"]).execute(),
  }));
}

export interface Naive {
  revenue: { won: number; wonMinor: number; previousWon: number; previousMinor: number }[];
  totals: { won: number; wonMinor: number; lost: number; winRate: number | null; averageWonMinor: number | null };
  previousTotals: Naive["totals"];
  medianCycleDays: number | null;
  pipeline: { stage: string; deals: number; minor: number; weightedMinor: number }[];
  forecast: { key: string; deals: number; minor: number; weightedMinor: number }[];
  conversion: { from: string; to: string | null; reached: number; advanced: number }[];
  funnel: { created: number; qualified: number; converted: number; won: number };
  lostReasons: { reason: string; deals: number; minor: number }[];
  activityWeeks: Record<Kind, number>[];
  reps: { owner: string | null; won: number; wonMinor: number; activities: Record<Kind, number> }[];
}

const day = (at: Date, zone: string) => toWallClock(at, zone).slice(0, 10);
const bucket = (p: Period, d: string) => p.bucketDays.findIndex(([first, last]) => first <= d && d <= last);
const zero = () => Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<Kind, number>;

export function naiveReport(
  rows: Rows,
  viewer: AuthContext,
  filters: ReportFilters,
  periods: Periods,
  today: string,
  pipelineIds: string[],
): Naive {
  const zone = viewer.org.time_zone;
  const team = (user: string | null) => rows.members.find((m) => m.user_id === user)?.team ?? null;
  const sees = (owner: string | null) =>
    viewer.org.visibility === "all" || can(viewer.role, "records.view_all") || owner === viewer.user.id ||
    (viewer.team !== null && owner !== null && team(owner) === viewer.team);
  const chosen = (owner: string | null) =>
    sees(owner) && (!filters.owner || owner === filters.owner) && (!filters.team || team(owner) === filters.team);
  const deals = rows.deals.filter((d) =>
    !d.deleted_at && d.currency === viewer.org.currency && chosen(d.owner_id) &&
    (!filters.pipeline || d.pipeline_id === filters.pipeline)
  );
  const closedIn = (p: Period) =>
    deals.filter((d) => d.status !== "open" && d.closed_at && bucket(p, day(d.closed_at, zone)) >= 0);
  const { current, previous, weeks } = periods;
  const closed = closedIn(current);
  const before = closedIn(previous);
  const totals = (list: typeof deals) => {
    const won = list.filter((d) => d.status === "won");
    const lost = list.filter((d) => d.status === "lost").length;
    const wonMinor = won.reduce((n, d) => n + d.value_minor, 0);
    return {
      won: won.length,
      wonMinor,
      lost,
      winRate: won.length + lost ? won.length / (won.length + lost) : null,
      averageWonMinor: won.length ? Math.round(wonMinor / won.length) : null,
    };
  };
  const sumWon = (list: typeof deals) => ({
    won: list.filter((d) => d.status === "won").length,
    minor: list.filter((d) => d.status === "won").reduce((n, d) => n + d.value_minor, 0),
  });
  const revenue = current.bucketDays.map((_, i) => {
    const now = sumWon(closed.filter((d) => bucket(current, day(d.closed_at!, zone)) === i));
    const then = sumWon(before.filter((d) => bucket(previous, day(d.closed_at!, zone)) === i));
    return { won: now.won, wonMinor: now.minor, previousWon: then.won, previousMinor: then.minor };
  });

  const cycles = closed.filter((d) => d.status === "won")
    .map((d) => Math.floor((d.closed_at!.getTime() - d.created_at.getTime()) / 86_400_000)).sort((a, b) => a - b);
  const medianCycleDays = !cycles.length
    ? null
    : cycles.length % 2
    ? cycles[(cycles.length - 1) / 2]
    : (cycles[cycles.length / 2 - 1] + cycles[cycles.length / 2]) / 2;

  const stage = new Map(rows.stages.map((s) => [s.id, s]));
  const stagesOf = (pipeline: string) =>
    rows.stages.filter((s) => s.pipeline_id === pipeline).sort((a, b) =>
      a.position - b.position || (a.id < b.id ? -1 : 1)
    );
  const open = deals.filter((d) => d.status === "open");
  const pipeline = pipelineIds.flatMap((p) =>
    stagesOf(p).map((s) => {
      const here = open.filter((d) => d.stage_id === s.id);
      const minor = here.reduce((n, d) => n + d.value_minor, 0);
      return { stage: s.id, deals: here.length, minor, weightedMinor: Math.round(minor * s.probability / 100) };
    })
  );

  const month = `${today.slice(0, 8)}01`;
  const months = Array.from({ length: 12 }, (_, i) => addMonths(month, i).slice(0, 7));
  const forecastKey = (d: typeof deals[number]) =>
    d.expected_close_date === null
      ? "none"
      : d.expected_close_date < month
      ? "overdue"
      : months.includes(d.expected_close_date.slice(0, 7))
      ? d.expected_close_date.slice(0, 7)
      : "later";
  const forecast = ["overdue", ...months, "later", "none"].map((key) => {
    const here = open.filter((d) => forecastKey(d) === key);
    const weighted = here.reduce((n, d) => n + d.value_minor * stage.get(d.stage_id)!.probability, 0);
    return {
      key,
      deals: here.length,
      minor: here.reduce((n, d) => n + d.value_minor, 0),
      weightedMinor: Math.round(weighted / 100),
    };
  });

  // How far a deal got: the furthest stage of its current pipeline it has been in (moved out of or
  // into) since it entered that pipeline, or every stage when won.
  const furthest = (d: typeof deals[number]) => {
    let best = stage.get(d.stage_id)!.position;
    for (const m of rows.moves.filter((m) => m.record_id === d.id)) {
      const from = m.detail.from_id ? stage.get(m.detail.from_id) : undefined;
      const to = m.detail.to_id ? stage.get(m.detail.to_id) : undefined;
      if (from && to && from.pipeline_id !== to.pipeline_id) best = stage.get(d.stage_id)!.position; // started over
      for (const s of [from, to]) if (s && s.pipeline_id === d.pipeline_id) best = Math.max(best, s.position);
    }
    return best;
  };
  const conversion = pipelineIds.flatMap((p) => {
    const stages = stagesOf(p);
    const here = closed.filter((d) => d.pipeline_id === p);
    const reached = (i: number) =>
      here.filter((d) => d.status === "won" || (i < stages.length && furthest(d) >= stages[i].position)).length;
    return stages.map((s, i) => ({
      from: s.id,
      to: stages[i + 1]?.id ?? null,
      reached: reached(i),
      advanced: i + 1 < stages.length ? reached(i + 1) : here.filter((d) => d.status === "won").length,
    }));
  });

  const leads = rows.leads.filter((l) =>
    !l.deleted_at && chosen(l.owner_id) && bucket(current, day(l.created_at, zone)) >= 0
  );
  const wonDeal = (id: string | null) => rows.deals.some((d) => d.id === id && d.status === "won" && !d.deleted_at);
  const funnel = {
    created: leads.length,
    qualified: leads.filter((l) => l.status === "qualified" || l.status === "converted").length,
    converted: leads.filter((l) => l.status === "converted").length,
    won: leads.filter((l) => l.status === "converted" && wonDeal(l.converted_deal_id)).length,
  };

  const reasons = new Map<string, { deals: number; minor: number }>();
  for (const d of closed.filter((d) => d.status === "lost")) {
    const r = reasons.get(d.lost_reason ?? "") ?? { deals: 0, minor: 0 };
    r.deals++;
    r.minor += d.value_minor;
    reasons.set(d.lost_reason ?? "", r);
  }
  const lostReasons = [...reasons].map(([reason, r]) => ({ reason, ...r }))
    .sort((a, b) => b.deals - a.deals || a.reason.localeCompare(b.reason));

  const activityWeeks = weeks.bucketDays.map(() => zero());
  const reps = new Map<string | null, Naive["reps"][number]>();
  const rep = (owner: string | null) =>
    reps.get(owner) ?? reps.set(owner, { owner, won: 0, wonMinor: 0, activities: zero() }).get(owner)!;
  for (const a of rows.activities) {
    const at = a.type === "task" ? a.done_at : a.created_at;
    if (a.deleted_at || !at || !chosen(a.owner_id)) continue;
    const i = bucket(weeks, day(at, zone));
    if (i < 0) continue;
    activityWeeks[i][a.type]++;
    rep(a.owner_id).activities[a.type]++;
  }
  for (const d of closed.filter((d) => d.status === "won")) {
    rep(d.owner_id).won++;
    rep(d.owner_id).wonMinor += d.value_minor;
  }

  return {
    revenue,
    totals: totals(closed),
    previousTotals: totals(before),
    medianCycleDays,
    pipeline,
    forecast,
    conversion,
    funnel,
    lostReasons,
    activityWeeks,
    reps: [...reps.values()],
  };
}
