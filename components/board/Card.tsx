/**
 * A deal card on the board: focusable (the keyboard path), with Won/Lost buttons once the board runs,
 * and before that (or without JavaScript) a small form that moves it to another stage.
 */
import type { BoardCard, BoardColumn } from "@/lib/deals/board.ts";
import { formatMoney } from "@/lib/records/money.ts";
import type { Outcome } from "./use_board.ts";

/** What the board does when a card is used. */
export interface CardActions {
  onKeyDown(e: KeyboardEvent, card: BoardCard): void;
  /** A card gained or lost focus (the key hint follows keyboard focus). */
  onFocusChange(): void;
  /** Won or Lost pressed (Lost asks for the reason first). */
  onOutcome(card: BoardCard, outcome: Outcome): void;
  /** A stage chosen in the card's "Move to…" menu (the deal goes to the top of it). */
  onMove(card: BoardCard, stageId: string): void;
}

/** On a phone, controls are 44 px tall (a finger's tap target); from md on they are compact. */
const TAP = "min-h-[44px] md:min-h-0";

const OUTCOME_BUTTONS: [Outcome, string, string][] = [
  ["won", "Won", "border-emerald-300 text-emerald-700 hover:bg-emerald-50"],
  ["lost", "Lost", "border-slate-300 text-slate-700 hover:bg-slate-50"],
];

/** The board's links: the deals path (`/app/acme/deals`), where the no-JavaScript forms come back to, the list. */
export interface BoardLinks {
  base: string;
  returnTo: string;
  listHref: string;
}

export interface CardProps {
  card: BoardCard;
  stageId: string;
  /** Every stage, for the no-JavaScript move form. */
  stages: BoardColumn[];
  currency: string;
  hydrated: boolean;
  /** Picked up with the keyboard. */
  grabbed: boolean;
  links: BoardLinks;
  actions: CardActions;
}

export function Card({ card, stageId, stages, currency, hydrated, grabbed, links, actions }: CardProps) {
  return (
    <li
      data-id={card.id}
      tabIndex={0}
      aria-describedby="board-help"
      onKeyDown={(e) => actions.onKeyDown(e, card)}
      onFocus={actions.onFocusChange}
      onBlur={actions.onFocusChange}
      class={`cursor-grab rounded-md bg-white p-3 text-sm shadow-sm ring-1 focus:outline-none focus:ring-2 focus:ring-brand-500 ${
        grabbed ? "ring-2 ring-brand-500 shadow-lg" : card.rotting ? "ring-amber-300" : "ring-slate-200"
      }`}
    >
      <div class="flex items-start justify-between gap-2">
        <a href={`${links.base}/${card.id}`} class="font-medium text-slate-900 hover:underline">
          {card.title}
        </a>
        {card.rotting
          ? (
            <span class="shrink-0 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-800">
              Rotting
            </span>
          )
          : null}
      </div>
      {card.companyName ? <p class="truncate text-slate-600">{card.companyName}</p> : null}
      <div class="mt-2 flex items-center justify-between gap-2">
        <span class="font-semibold tabular-nums text-slate-900">{formatMoney(card.valueMinor, currency)}</span>
        <span class="truncate text-xs text-slate-500">{card.ownerName ?? "Unassigned"}</span>
      </div>
      <p class="mt-1 text-xs text-slate-500">
        {card.daysInStage} {card.daysInStage === 1 ? "day" : "days"} in stage
        {card.expectedCloseDate ? ` · closes ${card.expectedCloseDate}` : ""}
      </p>
      {hydrated
        ? (
          <div class="mt-2 flex gap-2">
            {OUTCOME_BUTTONS.map(([outcome, label, colours]) => (
              <button
                key={outcome}
                type="button"
                class={`${TAP} rounded border px-3 py-0.5 text-xs font-medium md:px-2 ${colours}`}
                onClick={() => actions.onOutcome(card, outcome)}
                aria-label={`${label}: ${card.title}`}
              >
                {label}
              </button>
            ))}
            <label class="sr-only" for={`move-to-${card.id}`}>Move {card.title} to stage</label>
            <select
              id={`move-to-${card.id}`}
              class={`${TAP} min-w-0 flex-1 rounded border border-slate-300 bg-white px-1 py-0.5 text-xs text-slate-700`}
              onChange={(e) => {
                const select = e.currentTarget;
                if (select.value) actions.onMove(card, select.value);
                select.value = "";
              }}
            >
              <option value="">Move to…</option>
              {stages.filter((c) => c.id !== stageId).map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
            </select>
          </div>
        )
        : (
          <details class="mt-2">
            <summary class="cursor-pointer text-xs text-slate-600">Move</summary>
            <form method="post" action={`${links.base}/${card.id}/move`} class="mt-2 flex gap-2">
              <input type="hidden" name="return" value={links.returnTo} />
              <label class="sr-only" for={`move-${card.id}`}>Stage for {card.title}</label>
              <select
                id={`move-${card.id}`}
                name="stageId"
                class="min-w-0 flex-1 rounded border border-slate-300 bg-white px-1 py-0.5 text-xs"
              >
                {stages.map((c) => <option key={c.id} value={c.id} selected={c.id === stageId}>{c.name}</option>)}
              </select>
              <button type="submit" class="rounded bg-brand-600 px-2 py-0.5 text-xs text-white">
                Move
              </button>
            </form>
          </details>
        )}
    </li>
  );
}
