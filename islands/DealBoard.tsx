/**
 * The deal board: columns of deal cards that move by drag and drop (SortableJS: mouse and touch)
 * or by keyboard (Space/Enter picks a card up, arrows move it, Space/Enter drops, Escape cancels),
 * each move announced in a live region, with the keys shown while a card has focus. A card dropped on
 * the Won or Lost zone at the board's edge is closed as its buttons close it (Lost asks for the
 * reason). Moves and outcomes show at once and are put back, with a visible error, when the server
 * refuses them. Columns load further cards as they scroll. On a phone one stage fills the width: the
 * columns snap as they are swiped and a stage picker jumps between them; a card moves by long-press
 * drag (a short touch scrolls) or by its "Move to…" menu.
 * Without JavaScript, the server-rendered cards carry a small form to move them.
 * Its parts and hooks live in components/board/.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { CardActions } from "@/components/board/Card.tsx";
import { Column } from "@/components/board/Column.tsx";
import { LostDialog } from "@/components/board/LostDialog.tsx";
import { OutcomeZones } from "@/components/board/OutcomeZones.tsx";
import { StagePicker } from "@/components/board/StagePicker.tsx";
import { type Outcome, useBoard } from "@/components/board/use_board.ts";
import { useCardFocus } from "@/components/board/use_card_focus.ts";
import { useColumnPages } from "@/components/board/use_column_pages.ts";
import { useKeyboardMoves } from "@/components/board/use_keyboard_moves.ts";
import { useSortable } from "@/components/board/use_sortable.ts";
import type { BoardCard, BoardColumn } from "@/lib/deals/board.ts";
import { dropPlace, locate } from "@/lib/deals/board_state.ts";

export interface DealBoardProps {
  /** The deals path of the org, e.g. `/app/acme/deals`. */
  base: string;
  /** The board's filters as a query string (`owner=…&q=…`), for column pages. */
  filterQuery: string;
  /** Where the no-JavaScript forms come back to. */
  returnTo: string;
  /** The deal list of this pipeline, for columns with more cards than a page. */
  listHref: string;
  currency: string;
  columns: BoardColumn[];
}

export default function DealBoard(props: DealBoardProps) {
  const board = useBoard(props);
  const { current } = board;
  const [hydrated, setHydrated] = useState(false);
  const [losing, setLosing] = useState<BoardCard | null>(null);
  const root = useRef<HTMLDivElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const [shown, setShown] = useState(props.columns[0]?.id ?? "");
  const keys = useKeyboardMoves(board);
  const { focused, showHint } = useCardFocus(root, board.focusId);
  useColumnPages(root, board.columns, board.loadMore);
  /** Won closes the deal at once; Lost asks for the reason first. */
  const closeAs = (card: BoardCard, outcome: Outcome) => {
    if (outcome === "won") void board.close(card, "won");
    else setLosing(card);
  };
  useSortable(root, {
    onStage: (id, stageId, afterId, beforeId) =>
      board.relocate(id, dropPlace(current.current, id, stageId, afterId, beforeId)),
    onOutcome: (id, outcome) => closeAs(locate(current.current, id)!.card, outcome),
  });
  useEffect(() => setHydrated(true), []);

  const actions: CardActions = {
    onKeyDown: keys.onKeyDown,
    onFocusChange: showHint,
    onOutcome: closeAs,
    onMove: (card, stageId) => board.relocate(card.id, dropPlace(current.current, card.id, stageId, null, null)),
  };
  /** The stage whose column is at the scroller's left edge (one column per screen on a phone). */
  const trackShown = () => {
    const el = scroller.current!;
    const step = (el.firstElementChild as HTMLElement | null)?.offsetWidth ?? el.clientWidth;
    const index = Math.round(el.scrollLeft / Math.max(step, 1));
    setShown(board.columns[Math.min(index, board.columns.length - 1)]?.id ?? "");
  };
  const pick = (stageId: string) => {
    setShown(stageId);
    document.getElementById(`column-${stageId}`)?.scrollIntoView({
      behavior: "smooth",
      inline: "start",
      block: "nearest",
    });
  };
  const links = { base: props.base, returnTo: props.returnTo, listHref: props.listHref };
  return (
    <div ref={root}>
      <p
        id="board-help"
        class={focused
          ? "fixed inset-x-2 bottom-2 z-10 mx-auto max-w-xl rounded-md bg-slate-900 px-3 py-2 text-sm text-white shadow-lg"
          : "sr-only"}
      >
        Press Space or Enter on a deal to pick it up, arrow keys to move it between and within stages, Space or Enter to
        drop it, Escape to cancel.
      </p>
      <p aria-live="polite" role="status" class="sr-only">{board.message}</p>
      {board.error
        ? (
          <div
            role="alert"
            class="mb-4 flex items-start justify-between gap-3 rounded-md bg-red-50 p-3 text-sm text-red-800 ring-1 ring-red-200"
          >
            <span>{board.error}</span>
            <button type="button" class="underline" onClick={board.dismissError}>Dismiss</button>
          </div>
        )
        : null}
      <StagePicker columns={board.columns} shown={shown} onPick={pick} />
      <OutcomeZones hydrated={hydrated} />
      <div
        ref={scroller}
        onScroll={trackShown}
        class="flex snap-x snap-mandatory gap-4 overflow-x-auto pb-4 md:snap-none"
        role="group"
        aria-label="Deal board"
      >
        {board.columns.map((col) => (
          <Column
            key={col.id}
            col={col}
            stages={board.columns}
            currency={props.currency}
            hydrated={hydrated}
            grabbedId={keys.grabbedId}
            links={links}
            actions={actions}
          />
        ))}
      </div>
      <LostDialog
        card={losing}
        onLost={(card, reason) => void board.close(card, "lost", reason)}
        onClose={() => setLosing(null)}
      />
    </div>
  );
}
