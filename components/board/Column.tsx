/** A stage's column on the board: its name, count, totals and cards, and the way to its further cards. */
import type { BoardColumn } from "@/lib/deals/board.ts";
import { weighted } from "@/lib/deals/board_state.ts";
import { formatMoney } from "@/lib/records/money.ts";
import { type BoardLinks, Card, type CardActions } from "./Card.tsx";

export interface ColumnProps {
  col: BoardColumn;
  stages: BoardColumn[];
  currency: string;
  hydrated: boolean;
  grabbedId: string | null;
  links: BoardLinks;
  actions: CardActions;
}

export function Column({ col, stages, currency, hydrated, grabbedId, links, actions }: ColumnProps) {
  const money = (minor: number) => formatMoney(minor, currency);
  return (
    <section
      id={`column-${col.id}`}
      aria-labelledby={`stage-${col.id}`}
      class="flex w-full shrink-0 snap-start flex-col rounded-lg bg-slate-100 ring-1 ring-slate-200 md:w-72"
    >
      <header class="border-b border-slate-200 px-3 py-2">
        <div class="flex items-baseline justify-between gap-2">
          <h2 id={`stage-${col.id}`} class="truncate font-semibold text-slate-800">{col.name}</h2>
          <span class="text-xs text-slate-600" title="Win probability">{col.probability}%</span>
        </div>
        <p class="text-xs text-slate-600" data-testid="column-stats">
          <span data-count>{col.count.toLocaleString("en")}</span> {col.count === 1 ? "deal" : "deals"} ·{" "}
          <span data-total>{money(col.totalMinor)}</span> ·{" "}
          <span title="Value × win probability">
            weighted <span data-weighted>{money(weighted(col.totalMinor, col.probability))}</span>
          </span>
        </p>
      </header>
      <div class="max-h-[calc(100vh-15rem)] min-h-[8rem] overflow-y-auto p-2">
        <ul data-stage={col.id} aria-labelledby={`stage-${col.id}`} class="min-h-[6rem] space-y-2">
          {col.cards.map((card) => (
            <Card
              key={card.id}
              card={card}
              stageId={col.id}
              stages={stages}
              currency={currency}
              hydrated={hydrated}
              grabbed={grabbedId === card.id}
              links={links}
              actions={actions}
            />
          ))}
        </ul>
        {col.next
          ? (
            <p data-more={col.id} class="px-1 pt-2 text-center text-xs text-slate-500">
              {hydrated ? "Loading more…" : (
                <a href={`${links.listHref}&stage=${col.id}`} class="underline">
                  All {col.count.toLocaleString("en")} deals of {col.name} in the list
                </a>
              )}
            </p>
          )
          : null}
        {col.cards.length === 0 ? <p class="px-1 text-center text-xs text-slate-600">No deals</p> : null}
      </div>
    </section>
  );
}
