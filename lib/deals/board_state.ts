/**
 * The board's columns as immutable state, for the board island: moving, removing and putting back
 * cards keeps each column's count and total in step. Pure, so it is small in the browser bundle.
 */
import type { BoardCard, BoardColumn } from "./board.ts";

export interface Place {
  stageId: string;
  index: number;
}

/** Expected value of a stage: its total times its win probability. */
export const weighted = (totalMinor: number, probability: number) => Math.round(totalMinor * probability / 100);

export function locate(columns: BoardColumn[], id: string): (Place & { card: BoardCard }) | null {
  for (const col of columns) {
    const index = col.cards.findIndex((c) => c.id === id);
    if (index >= 0) return { stageId: col.id, index, card: col.cards[index] };
  }
  return null;
}

export function removeCard(columns: BoardColumn[], id: string): BoardColumn[] {
  return columns.map((col) => {
    const card = col.cards.find((c) => c.id === id);
    if (!card) return col;
    return {
      ...col,
      cards: col.cards.filter((c) => c !== card),
      count: col.count - 1,
      totalMinor: col.totalMinor - card.valueMinor,
    };
  });
}

/** Puts `card` at `place` (an index among the cards shown), counting it in that column. */
export function insertCard(columns: BoardColumn[], place: Place, card: BoardCard): BoardColumn[] {
  return columns.map((col) => {
    if (col.id !== place.stageId) return col;
    const cards = [...col.cards];
    cards.splice(Math.max(0, Math.min(place.index, cards.length)), 0, card);
    return { ...col, cards, count: col.count + 1, totalMinor: col.totalMinor + card.valueMinor };
  });
}

/**
 * Moves a card to `place`; a card entering another stage starts its time there afresh (unless
 * `card` is given: the original, when a move is undone).
 */
export function moveCard(columns: BoardColumn[], id: string, place: Place, card?: BoardCard): BoardColumn[] {
  const from = locate(columns, id);
  if (!from) return columns;
  const moved = card ?? (from.stageId === place.stageId ? from.card : { ...from.card, daysInStage: 0, rotting: false });
  return insertCard(removeCard(columns, id), place, moved);
}

/** The cards around a card, as the move endpoint wants them. */
export function neighbours(columns: BoardColumn[], id: string): { afterId: string | null; beforeId: string | null } {
  const at = locate(columns, id);
  const cards = columns.find((c) => c.id === at?.stageId)?.cards ?? [];
  const index = at?.index ?? -1;
  return { afterId: cards[index - 1]?.id ?? null, beforeId: cards[index + 1]?.id ?? null };
}

/** Adds a lazily loaded page under a column's cards (skipping cards already on the board). */
export function appendPage(
  columns: BoardColumn[],
  stageId: string,
  page: { cards: BoardCard[]; next: string | null },
): BoardColumn[] {
  const shown = new Set(columns.flatMap((c) => c.cards.map((card) => card.id)));
  return columns.map((col) =>
    col.id === stageId
      ? { ...col, cards: [...col.cards, ...page.cards.filter((c) => !shown.has(c.id))], next: page.next }
      : col
  );
}

/** Where a card dropped between `afterId` and `beforeId` (its neighbours in the stage's list, if any) lands. */
export function dropPlace(
  columns: BoardColumn[],
  id: string,
  stageId: string,
  afterId: string | null,
  beforeId: string | null,
): Place {
  const others = columns.find((c) => c.id === stageId)!.cards.filter((c) => c.id !== id);
  const index = afterId
    ? others.findIndex((c) => c.id === afterId) + 1
    : beforeId
    ? others.findIndex((c) => c.id === beforeId)
    : 0;
  return { stageId, index: Math.max(0, index) };
}
