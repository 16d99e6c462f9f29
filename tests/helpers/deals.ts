/** Shared set-up for the deal tests: an org with its default pipeline and deals made through lib/deals. */
import { createDeal } from "@/lib/deals/deals.ts";
import type { BoardViewer } from "@/lib/deals/board.ts";
import type { DealBoardProps } from "@/islands/DealBoard.tsx";
import { choosePipeline, type Pipeline } from "@/lib/pipelines/pipelines.ts";
import { type OrgScope, withOrg } from "@/lib/data/scope.ts";
import type { TestApp } from "./app.ts";
import { type OrgFixture, orgWithOwner } from "./accounts.ts";

export interface DealWorld extends OrgFixture {
  viewer: BoardViewer & { org: { id: string; currency: string } };
  pipeline: Pipeline;
  /** Runs `fn` in the org as its owner. */
  run<R>(fn: (q: OrgScope) => Promise<R>): Promise<R>;
  /** Adds open deals to a stage (the last one ends up on top) and returns their ids. */
  addDeals(stageId: string, titles: string[], valueMinor?: number): Promise<string[]>;
}

export async function dealWorld(app: TestApp): Promise<DealWorld> {
  const fixture = await orgWithOwner(app);
  const viewer = {
    user: { id: fixture.user.id },
    org: { id: fixture.org.id, visibility: "all" as const, currency: "USD", rotting_days: 14 },
    role: "OWNER" as const,
    team: null,
  };
  const run = <R>(fn: (q: OrgScope) => Promise<R>) => withOrg({ orgId: fixture.org.id, userId: fixture.user.id }, fn);
  const { pipeline } = await run((q) => choosePipeline(q));
  return {
    ...fixture,
    viewer,
    pipeline,
    run,
    addDeals: (stageId, titles, valueMinor = 100_00) =>
      run(async (q) => {
        const ids: string[] = [];
        for (const title of titles) {
          const input = {
            title,
            value: valueMinor,
            expected_close_date: null,
            stage_id: stageId,
            owner_id: fixture.user.id,
            company: null,
            contact: null,
          };
          ids.push((await createDeal(q, viewer, input)).id);
        }
        return ids;
      }),
  };
}

/** Titles of a stage's open deals in board order. */
export async function stageOrder(world: DealWorld, stageId: string): Promise<string[]> {
  const rows = await world.run((q) =>
    q.selectFrom("deals").select("title").where("stage_id", "=", stageId).where("status", "=", "open")
      .where("deleted_at", "is", null).orderBy("position").orderBy("id").execute()
  );
  return rows.map((r) => r.title);
}

/** The props the page gave the board island. */
export function boardProps(html: string): DealBoardProps {
  const state = /<script type="application\/json" id="__FRSH_STATE">(.*?)<\/script>/s.exec(html);
  if (!state) throw new Error("The page has no island state");
  const islands = JSON.parse(state[1]) as [string, DealBoardProps][];
  return islands.find(([name]) => name === "DealBoard")![1];
}

/** Inserts `n` open deals straight into a stage, positions 1..n (for paging at scale). */
export async function bulkDeals(world: DealWorld, stageId: string, n: number, valueMinor = 1_000): Promise<void> {
  await world.run(async (q) => {
    for (let i = 0; i < n; i += 500) {
      const rows = Array.from({ length: Math.min(500, n - i) }, (_, k) => ({
        title: `Bulk ${String(i + k + 1).padStart(5, "0")}`,
        value_minor: valueMinor,
        pipeline_id: world.pipeline.id,
        stage_id: stageId,
        owner_id: world.user.id,
        position: i + k + 1,
        stage_entered_at: new Date(),
      }));
      await q.insertInto("deals", rows).execute();
    }
  });
}

export const json = (body: unknown, method = "POST"): RequestInit => ({
  method,
  headers: { "content-type": "application/json", accept: "application/json", origin: "http://localhost:8000" },
  body: JSON.stringify(body),
});
