/**
 * The deal board of one pipeline: per stage, the count, total and weighted total of its open deals
 * (one aggregate query, on `deals_board_idx`) and the first cards in board order (one lateral
 * query); further cards come a page at a time, keyset-paged by (position, id).
 */
import { sql } from "kysely";
import { HttpError } from "../fresh/errors.ts";
import { ownerCondition } from "../records/list.ts";
import { type Viewer, visibleTo } from "../records/visibility.ts";
import type { OrgScope } from "../data/scope.ts";
import { choosePipeline, type PipelineSummary } from "../pipelines/pipelines.ts";
import { daysInStage, isRotting } from "./rotting.ts";
import type { DealFilters } from "./schemas.ts";

/** Cards per column in the first render: a screenful, so the board is usable at once. */
export const FIRST_PAGE = 12;
/** Cards per column page loaded as the user scrolls down a column. */
export const PAGE_SIZE = 25;

export interface BoardViewer extends Viewer {
  org: Viewer["org"] & { currency: string; rotting_days: number };
}

export interface BoardCard {
  id: string;
  title: string;
  valueMinor: number;
  ownerId: string | null;
  ownerName: string | null;
  companyName: string | null;
  expectedCloseDate: string | null;
  daysInStage: number;
  rotting: boolean;
}

export interface BoardColumn {
  id: string;
  name: string;
  probability: number;
  count: number;
  totalMinor: number;
  /** Cursor of the last card shown, when more cards follow. */
  next: string | null;
  cards: BoardCard[];
}

export interface Board {
  pipeline: PipelineSummary;
  pipelines: PipelineSummary[];
  columns: BoardColumn[];
  currency: string;
}

export interface ColumnPage {
  cards: BoardCard[];
  next: string | null;
}

/** Open deals of a pipeline matching the filters, as the viewer may see them. */
function openDeals(q: OrgScope, viewer: Viewer, pipelineId: string, filters: DealFilters) {
  let qb = q.selectFrom("deals")
    .where("deals.pipeline_id", "=", pipelineId)
    .where("deals.status", "=", "open")
    .where("deals.deleted_at", "is", null);
  const owner = ownerCondition("deals", filters.owner ?? "", viewer.user.id);
  if (owner) qb = qb.where(owner);
  if (filters.q) qb = qb.where("deals.title", "ilike", `%${filters.q.replace(/[\\%_]/g, "\\$&")}%`);
  return visibleTo(qb, "deals", viewer);
}

function cards(q: OrgScope, viewer: Viewer, pipelineId: string, filters: DealFilters) {
  return openDeals(q, viewer, pipelineId, filters)
    .leftJoin("users as owner", "owner.id", "deals.owner_id")
    .leftJoin("companies", "companies.id", "deals.company_id")
    .select([
      "deals.id",
      "deals.title",
      "deals.value_minor",
      "deals.owner_id",
      "owner.name as owner_name",
      "companies.name as company_name",
      "deals.expected_close_date",
      "deals.stage_entered_at",
      "deals.position",
    ])
    .orderBy("deals.position").orderBy("deals.id");
}

type CardRow = {
  id: string;
  title: string;
  value_minor: number;
  owner_id: string | null;
  owner_name: string | null;
  company_name: string | null;
  expected_close_date: string | null;
  stage_entered_at: Date | string;
  position: number;
};

function toCard(row: CardRow, rottingDays: number, now: Date): BoardCard {
  const entered = new Date(row.stage_entered_at);
  return {
    id: row.id,
    title: row.title,
    valueMinor: row.value_minor,
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    companyName: row.company_name,
    expectedCloseDate: row.expected_close_date,
    daysInStage: daysInStage(entered, now),
    rotting: isRotting(entered, rottingDays, now),
  };
}

export const encodeCursor = (row: { position: number; id: string }) => `${row.position}~${row.id}`;

export function decodeCursor(cursor: string): { position: number; id: string } {
  const [position, id] = cursor.split("~");
  if (!Number.isFinite(Number(position)) || !/^[0-9a-f-]{36}$/i.test(id ?? "")) {
    throw new HttpError(400, "Invalid cursor");
  }
  return { position: Number(position), id };
}

export async function loadBoard(
  q: OrgScope,
  viewer: BoardViewer,
  opts: { pipelineId?: string | null; filters: DealFilters; pageSize?: number },
): Promise<Board> {
  const pageSize = opts.pageSize ?? FIRST_PAGE;
  const { pipeline, pipelines } = await choosePipeline(q, opts.pipelineId);
  const inStage = sql<boolean>`deals.stage_id = stages.id`;
  // Per stage, its totals and its first cards: one statement, each lateral part an index range.
  const rows = await q.selectFrom("stages")
    .innerJoinLateral(
      () =>
        openDeals(q, viewer, pipeline.id, opts.filters).where(inStage).select([
          sql<number>`count(*)::int`.as("count"),
          sql<number>`coalesce(sum(deals.value_minor), 0)::bigint`.as("total"),
        ]).as("totals"),
      (join) => join.onTrue(),
    )
    .leftJoinLateral(
      () => cards(q, viewer, pipeline.id, opts.filters).where(inStage).limit(pageSize).as("card"),
      (join) => join.onTrue(),
    )
    .selectAll("card")
    .select(["stages.id as stage_id", "totals.count", "totals.total"])
    .where("stages.pipeline_id", "=", pipeline.id)
    .execute();

  const now = new Date();
  const columns = pipeline.stages.map((stage): BoardColumn => {
    const stageRows = rows.filter((r) => r.stage_id === stage.id);
    const cardRows = stageRows.filter((r) => r.id !== null) as CardRow[];
    const count = stageRows[0]?.count ?? 0;
    return {
      id: stage.id,
      name: stage.name,
      probability: stage.probability,
      count,
      totalMinor: stageRows[0]?.total ?? 0,
      next: count > cardRows.length && cardRows.length ? encodeCursor(cardRows[cardRows.length - 1]) : null,
      cards: cardRows.map((r) => toCard(r, viewer.org.rotting_days, now)),
    };
  });
  const summaries = pipelines.map(({ id, name, position }) => ({ id, name, position }));
  return { pipeline, pipelines: summaries, columns, currency: viewer.org.currency };
}

/** The cards of one stage after `cursor`, in board order. */
export async function columnPage(
  q: OrgScope,
  viewer: BoardViewer,
  opts: { stageId: string; after: string; filters: DealFilters; pageSize?: number },
): Promise<ColumnPage> {
  const pageSize = opts.pageSize ?? PAGE_SIZE;
  const stage = await q.selectFrom("stages").select(["id", "pipeline_id"]).where("id", "=", opts.stageId)
    .executeTakeFirst();
  if (!stage) throw new HttpError(404, "No such stage");
  const after = decodeCursor(opts.after);
  const rows = await cards(q, viewer, stage.pipeline_id, opts.filters)
    .where("deals.stage_id", "=", stage.id)
    .where(sql`(deals.position, deals.id)`, ">", sql`(${after.position}, ${after.id}::uuid)`)
    .limit(pageSize + 1)
    .execute();
  const page = rows.slice(0, pageSize);
  const now = new Date();
  return {
    cards: page.map((r) => toCard(r, viewer.org.rotting_days, now)),
    next: rows.length > pageSize ? encodeCursor(page[page.length - 1]) : null,
  };
}
