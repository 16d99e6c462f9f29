/**
 * The board's keyboard path: Space or Enter picks a card up, arrow keys carry it within and between
 * stages, Space or Enter drops it (and saves the move), Escape puts it back. Each step is announced.
 */
import { useState } from "preact/hooks";
import type { BoardCard } from "@/lib/deals/board.ts";
import { locate, moveCard, type Place } from "@/lib/deals/board_state.ts";
import type { Board, Origin } from "./use_board.ts";

type Held = Origin & { id: string };

export function useKeyboardMoves(board: Board) {
  const [grab, setGrab] = useState<Held | null>(null);
  const { current, announce, where } = board;

  /** Puts a carried card back where it was picked up. */
  const cancel = (held: Held) => {
    board.update(moveCard(current.current, held.id, held, held.card));
    setGrab(null);
    announce(`Move cancelled: “${held.card.title}” is back in ${where(held.id)}.`);
  };

  const onKeyDown = (e: KeyboardEvent, card: BoardCard) => {
    if (e.target !== e.currentTarget) return;
    const pick = e.key === " " || e.key === "Enter";
    const held = grab?.id === card.id ? grab : null;
    if (!held) {
      if (!pick) return;
      e.preventDefault();
      if (grab) cancel(grab);
      const origin = locate(current.current, card.id)!;
      setGrab({ ...origin, id: card.id });
      announce(
        `Picked up “${card.title}” in ${where(card.id)}. ` +
          "Arrow keys move it, Space or Enter drops it, Escape cancels.",
      );
      return;
    }
    const at = locate(current.current, card.id)!;
    const col = current.current.findIndex((c) => c.id === at.stageId);
    let place: Place | null = null;
    if (e.key === "ArrowUp" || e.key === "ArrowDown") {
      const index = at.index + (e.key === "ArrowUp" ? -1 : 1);
      if (index >= 0 && index < current.current[col].cards.length) place = { stageId: at.stageId, index };
    } else if (e.key === "ArrowLeft" || e.key === "ArrowRight") {
      const target = current.current[col + (e.key === "ArrowLeft" ? -1 : 1)];
      if (target) place = { stageId: target.id, index: Math.min(at.index, target.cards.length) };
    } else if (pick) {
      e.preventDefault();
      setGrab(null);
      if (at.stageId === held.stageId && at.index === held.index) announce(`Dropped “${card.title}”: not moved.`);
      else void board.persist(card.id, held);
      return;
    } else if (e.key === "Escape") {
      e.preventDefault();
      board.focusId.current = card.id;
      cancel(held);
      return;
    } else return;
    e.preventDefault();
    if (!place) return;
    // A card carried back into its own stage keeps its time there; `persist` saves the move on drop.
    board.update(moveCard(current.current, card.id, place, place.stageId === held.stageId ? held.card : undefined));
    board.focusId.current = card.id;
    announce(`“${card.title}”: ${where(card.id)}.`);
  };

  return { grabbedId: grab?.id ?? null, onKeyDown };
}
