/**
 * The board island's state: its columns, what it announces (a live region, and an alert for
 * failures), and each change shown at once, saved to the server and put back when refused.
 */
import { useRef, useState } from "preact/hooks";
import type { BoardCard, BoardColumn } from "@/lib/deals/board.ts";
import {
  appendPage,
  insertCard,
  locate,
  moveCard,
  neighbours,
  type Place,
  removeCard,
} from "@/lib/deals/board_state.ts";

/** Where a card was, with the card as it was there. */
export type Origin = Place & { card: BoardCard };
export type Outcome = "won" | "lost";

/** The server's reason for refusing a request, or null when it accepted it. */
async function send(url: string, body: unknown): Promise<string | null> {
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(body),
    });
    if (res.ok) return null;
    const data = await res.json().catch(() => null) as { error?: string; fields?: Record<string, string> } | null;
    return Object.values(data?.fields ?? {})[0] ?? data?.error ?? `the server answered ${res.status}`;
  } catch {
    return "the server could not be reached";
  }
}

export function useBoard(props: { base: string; filterQuery: string; columns: BoardColumn[] }) {
  const [columns, setColumns] = useState(props.columns);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState("");
  /** The columns as of the last change, for handlers that run before the next render. */
  const current = useRef(columns);
  current.current = columns;
  /** The card to give focus to after the next render (a moved card is a new element). */
  const focusId = useRef<string | null>(null);
  const loading = useRef(new Set<string>());

  const update = (next: BoardColumn[]) => {
    current.current = next;
    setColumns(next);
  };
  const where = (id: string) => {
    const at = locate(current.current, id)!;
    const col = current.current.find((c) => c.id === at.stageId)!;
    return `${col.name}, position ${at.index + 1} of ${col.count}`;
  };
  const succeed = (text: string) => {
    setError(null);
    setMessage(text);
  };
  const fail = (text: string) => {
    setError(text);
    setMessage(text);
  };

  /** Saves the card's place as shown now; on refusal puts it back at `origin`. */
  const persist = async (id: string, origin: Origin) => {
    const at = locate(current.current, id)!;
    const reply = await send(`${props.base}/${id}/move`, { stageId: at.stageId, ...neighbours(current.current, id) });
    if (reply) {
      update(moveCard(current.current, id, origin, origin.card));
      fail(`Could not move “${origin.card.title}”: ${reply}. It is back where it was.`);
    } else {
      succeed(`Moved “${origin.card.title}” to ${where(id)}.`);
    }
  };

  const relocate = (id: string, place: Place) => {
    const origin = locate(current.current, id);
    if (!origin) return;
    update(moveCard(current.current, id, place));
    void persist(id, origin);
  };

  /** Takes the card off the board as won or lost; focus moves to the card that takes its place. */
  const close = async (card: BoardCard, outcome: Outcome, reason?: string) => {
    const origin = locate(current.current, card.id);
    if (!origin) return;
    update(removeCard(current.current, card.id));
    const next = current.current.find((c) => c.id === origin.stageId)?.cards[origin.index];
    focusId.current = next?.id ?? null;
    const reply = await send(`${props.base}/${card.id}/outcome`, { outcome, reason });
    if (reply) {
      update(insertCard(current.current, origin, origin.card));
      fail(`Could not mark “${card.title}” as ${outcome}: ${reply}.`);
    } else {
      succeed(`Marked “${card.title}” as ${outcome}.`);
    }
  };

  /** Appends a column's next page of cards (once at a time per column). */
  const loadMore = async (stageId: string) => {
    const col = current.current.find((c) => c.id === stageId);
    if (!col?.next || loading.current.has(stageId)) return;
    loading.current.add(stageId);
    try {
      const query = `stage=${stageId}&after=${encodeURIComponent(col.next)}${
        props.filterQuery ? `&${props.filterQuery}` : ""
      }`;
      const res = await fetch(`${props.base}/column?${query}`, { headers: { accept: "application/json" } });
      if (!res.ok) throw new Error(String(res.status));
      update(appendPage(current.current, stageId, await res.json()));
    } catch {
      fail(`Could not load more deals of ${col.name}. Scroll again to retry.`);
    } finally {
      loading.current.delete(stageId);
    }
  };

  return {
    columns,
    current,
    focusId,
    message,
    error,
    announce: setMessage,
    dismissError: () => setError(null),
    update,
    where,
    persist,
    relocate,
    close,
    loadMore,
  };
}

export type Board = ReturnType<typeof useBoard>;
