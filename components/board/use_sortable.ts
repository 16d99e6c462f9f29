/**
 * Drag and drop on the board with SortableJS (mouse and touch): a card dropped in a stage's list
 * reports the cards it landed between; one dropped on an outcome zone reports the outcome.
 */
// @ts-types="@types/sortablejs"
import Sortable from "sortablejs";
import { type RefObject } from "preact";
import { useEffect, useRef } from "preact/hooks";
import type { Outcome } from "./use_board.ts";

export interface DropHandlers {
  onStage(id: string, stageId: string, afterId: string | null, beforeId: string | null): void;
  onOutcome(id: string, outcome: Outcome): void;
}

/** Lists are `ul[data-stage]`, cards `li[data-id]`, outcome zones `[data-outcome]`, all inside `root`. */
export function useSortable(root: RefObject<HTMLElement>, handlers: DropHandlers) {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    const lists = root.current!.querySelectorAll<HTMLElement>("ul[data-stage]");
    const sortables = [...lists].map((list) =>
      Sortable.create(list, {
        group: "deals",
        draggable: "li[data-id]",
        filter: "button, select, input, details",
        preventOnFilter: false,
        animation: 150,
        forceFallback: true,
        fallbackOnBody: true,
        // On touch a card is picked up by a long press; a finger that moves first scrolls the page or the stages.
        delay: 300,
        delayOnTouchOnly: true,
        touchStartThreshold: 8,
        ghostClass: "opacity-40",
        onEnd: (evt) => {
          const item = evt.item;
          const after = (item.previousElementSibling as HTMLElement | null)?.dataset.id ?? null;
          const before = (item.nextElementSibling as HTMLElement | null)?.dataset.id ?? null;
          // Put the DOM back as Preact left it; the state change re-renders the card in its new place.
          item.remove();
          evt.from.insertBefore(item, evt.from.children[evt.oldIndex!] ?? null);
          if (evt.from === evt.to && evt.oldIndex === evt.newIndex) return;
          const id = item.dataset.id!;
          const outcome = evt.to.dataset.outcome as Outcome | undefined;
          if (outcome) latest.current.onOutcome(id, outcome);
          else latest.current.onStage(id, evt.to.dataset.stage!, after, before);
        },
      })
    );
    // The outcome zones take cards and keep none: the drop closes the deal (see `onEnd` above).
    const zones = [...root.current!.querySelectorAll<HTMLElement>("[data-outcome]")].map((zone) =>
      Sortable.create(zone, { group: { name: "deals", pull: false, put: true }, sort: false, draggable: "li" })
    );
    return () => [...sortables, ...zones].forEach((s) => s.destroy());
  }, []);
}
