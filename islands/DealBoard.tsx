/**
 * The deal board: columns of deal cards that move by drag and drop (SortableJS: mouse and touch)
 * or by keyboard (Space/Enter picks a card up, arrows move it, Space/Enter drops, Escape cancels),
 * each move announced in a live region, with the keys shown while a card has focus. A card dropped on
 * the Won or Lost zone at the board's edge is closed as its buttons close it (Lost asks for the
 * reason). Moves and outcomes show at once and are put back, with a visible error, when the server
 * refuses them. Columns load further cards as they scroll.
 * Without JavaScript, the server-rendered cards carry a small form to move them.
 */
// @ts-types="@types/sortablejs"
import Sortable from "sortablejs";
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import type { BoardCard, BoardColumn } from "@/lib/deals/board.ts";
import {
  appendPage,
  insertCard,
  locate,
  moveCard,
  neighbours,
  type Place,
  removeCard,
  weighted,
} from "@/lib/deals/board_state.ts";
import { formatMoney } from "@/lib/records/money.ts";

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

type Origin = Place & { card: BoardCard };
type Outcome = "won" | "lost";

/** The drop zones at the board's edge: a card dropped on one is closed with that outcome. */
const ZONES: { outcome: Outcome; label: string; class: string }[] = [
  { outcome: "won", label: "Won", class: "border-emerald-400 bg-emerald-50 text-emerald-800" },
  { outcome: "lost", label: "Lost", class: "border-red-300 bg-red-50 text-red-800" },
];

const LOST_REASONS = ["Price", "Chose a competitor", "No budget", "Bad timing", "No response"];

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

export default function DealBoard(props: DealBoardProps) {
  const [columns, setColumns] = useState(props.columns);
  const [grab, setGrab] = useState<Origin & { id: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState("");
  const [hydrated, setHydrated] = useState(false);
  const [losing, setLosing] = useState<BoardCard | null>(null);
  const [focused, setFocused] = useState(false);
  const current = useRef(columns);
  current.current = columns;
  const root = useRef<HTMLDivElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const focusId = useRef<string | null>(null);
  const loading = useRef(new Set<string>());
  const money = (minor: number) => formatMoney(minor, props.currency);

  const update = (next: BoardColumn[]) => {
    current.current = next;
    setColumns(next);
  };
  const where = (id: string) => {
    const at = locate(current.current, id)!;
    const col = current.current.find((c) => c.id === at.stageId)!;
    return `${col.name}, position ${at.index + 1} of ${col.count}`;
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
      setError(null);
      setMessage(`Moved “${origin.card.title}” to ${where(id)}.`);
    }
  };

  const relocate = (id: string, place: Place) => {
    const origin = locate(current.current, id);
    if (!origin) return;
    update(moveCard(current.current, id, place));
    void persist(id, origin);
  };

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
      setError(null);
      setMessage(`Marked “${card.title}” as ${outcome}.`);
    }
  };

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

  /** Puts a carried card back where it was picked up. */
  const cancel = (held: Origin & { id: string }) => {
    update(moveCard(current.current, held.id, held, held.card));
    setGrab(null);
    setMessage(`Move cancelled: “${held.card.title}” is back in ${where(held.id)}.`);
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
      setMessage(
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
      if (at.stageId === held.stageId && at.index === held.index) setMessage(`Dropped “${card.title}”: not moved.`);
      else void persist(card.id, held);
      return;
    } else if (e.key === "Escape") {
      e.preventDefault();
      focusId.current = card.id;
      cancel(held);
      return;
    } else return;
    e.preventDefault();
    if (!place) return;
    // A card carried back into its own stage keeps its time there; `persist` saves the move on drop.
    update(moveCard(current.current, card.id, place, place.stageId === held.stageId ? held.card : undefined));
    focusId.current = card.id;
    setMessage(`“${card.title}”: ${where(card.id)}.`);
  };

  useEffect(() => setHydrated(true), []);

  /** The keys are shown while a card has keyboard focus (a removed card loses focus without a blur). */
  const showHint = () => setFocused(!!root.current?.querySelector("li[data-id]:focus-visible"));

  // After a keyboard move the card is a new element in another column: give it focus back before
  // the next key arrives (a layout effect runs right after the render, not after the next paint).
  useLayoutEffect(() => {
    if (focusId.current) root.current?.querySelector<HTMLElement>(`li[data-id="${focusId.current}"]`)?.focus();
    focusId.current = null;
    showHint();
  });

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
        delay: 150,
        delayOnTouchOnly: true,
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
          if (outcome) {
            const card = current.current.flatMap((c) => c.cards).find((c) => c.id === id)!;
            if (outcome === "won") void close(card, "won");
            else setLosing(card);
            return;
          }
          const stageId = evt.to.dataset.stage!;
          const others = current.current.find((c) => c.id === stageId)!.cards.filter((c) => c.id !== id);
          const index = after
            ? others.findIndex((c) => c.id === after) + 1
            : before
            ? others.findIndex((c) => c.id === before)
            : 0;
          relocate(id, { stageId, index: Math.max(0, index) });
        },
      })
    );
    // The outcome zones take cards and keep none: the drop closes the deal (see `onEnd` above).
    const zones = [...root.current!.querySelectorAll<HTMLElement>("[data-outcome]")].map((zone) =>
      Sortable.create(zone, { group: { name: "deals", pull: false, put: true }, sort: false, draggable: "li" })
    );
    return () => [...sortables, ...zones].forEach((s) => s.destroy());
  }, []);

  const pages = columns.map((c) => c.next ?? "").join();
  useEffect(() => {
    const observer = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        if (entry.isIntersecting) void loadMore((entry.target as HTMLElement).dataset.more!);
      }
    }, { rootMargin: "300px" });
    root.current!.querySelectorAll("[data-more]").forEach((el) => observer.observe(el));
    return () => observer.disconnect();
  }, [pages]);

  useEffect(() => {
    if (losing) dialog.current?.showModal();
  }, [losing]);

  const onLost = (e: Event) => {
    e.preventDefault();
    const reason = new FormData(e.currentTarget as HTMLFormElement).get("reason") as string;
    const card = losing!;
    dialog.current?.close();
    setLosing(null);
    void close(card, "lost", reason);
  };

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
      <p aria-live="polite" role="status" class="sr-only">{message}</p>
      {error
        ? (
          <div
            role="alert"
            class="mb-4 flex items-start justify-between gap-3 rounded-md bg-red-50 p-3 text-sm text-red-800 ring-1 ring-red-200"
          >
            <span>{error}</span>
            <button type="button" class="underline" onClick={() => setError(null)}>Dismiss</button>
          </div>
        )
        : null}
      {/* Hidden until hydrated (they need script), but holding their place so the board does not jump. */}
      <div class={`mb-3 grid grid-cols-2 gap-3 ${hydrated ? "" : "invisible"}`}>
        {ZONES.map((zone) => (
          <div
            key={zone.outcome}
            data-outcome={zone.outcome}
            class={`flex min-h-[3rem] flex-wrap items-center justify-center gap-2 rounded-lg border-2 border-dashed p-2 text-sm font-medium ${zone.class}`}
          >
            <span>Drop here: {zone.label}</span>
          </div>
        ))}
      </div>
      <div class="flex gap-4 overflow-x-auto pb-4" role="group" aria-label="Deal board">
        {columns.map((col) => (
          <section
            key={col.id}
            aria-labelledby={`stage-${col.id}`}
            class="flex w-72 shrink-0 flex-col rounded-lg bg-slate-100 ring-1 ring-slate-200"
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
                  <li
                    key={card.id}
                    data-id={card.id}
                    tabIndex={0}
                    aria-describedby="board-help"
                    onKeyDown={(e) => onKeyDown(e, card)}
                    onFocus={showHint}
                    onBlur={showHint}
                    class={`cursor-grab rounded-md bg-white p-3 text-sm shadow-sm ring-1 focus:outline-none focus:ring-2 focus:ring-brand-500 ${
                      grab?.id === card.id
                        ? "ring-2 ring-brand-500 shadow-lg"
                        : card.rotting
                        ? "ring-amber-300"
                        : "ring-slate-200"
                    }`}
                  >
                    <div class="flex items-start justify-between gap-2">
                      <a href={`${props.base}/${card.id}`} class="font-medium text-slate-900 hover:underline">
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
                      <span class="font-semibold tabular-nums text-slate-900">{money(card.valueMinor)}</span>
                      <span class="truncate text-xs text-slate-500">{card.ownerName ?? "Unassigned"}</span>
                    </div>
                    <p class="mt-1 text-xs text-slate-500">
                      {card.daysInStage} {card.daysInStage === 1 ? "day" : "days"} in stage
                      {card.expectedCloseDate ? ` · closes ${card.expectedCloseDate}` : ""}
                    </p>
                    {hydrated
                      ? (
                        <div class="mt-2 flex gap-2">
                          <button
                            type="button"
                            class="rounded border border-emerald-300 px-2 py-0.5 text-xs font-medium text-emerald-700 hover:bg-emerald-50"
                            onClick={() => close(card, "won")}
                            aria-label={`Won: ${card.title}`}
                          >
                            Won
                          </button>
                          <button
                            type="button"
                            class="rounded border border-slate-300 px-2 py-0.5 text-xs font-medium text-slate-700 hover:bg-slate-50"
                            onClick={() => setLosing(card)}
                            aria-label={`Lost: ${card.title}`}
                          >
                            Lost
                          </button>
                        </div>
                      )
                      : (
                        <details class="mt-2">
                          <summary class="cursor-pointer text-xs text-slate-600">Move</summary>
                          <form method="post" action={`${props.base}/${card.id}/move`} class="mt-2 flex gap-2">
                            <input type="hidden" name="return" value={props.returnTo} />
                            <label class="sr-only" for={`move-${card.id}`}>Stage for {card.title}</label>
                            <select
                              id={`move-${card.id}`}
                              name="stageId"
                              class="min-w-0 flex-1 rounded border border-slate-300 bg-white px-1 py-0.5 text-xs"
                            >
                              {columns.map((c) => (
                                <option key={c.id} value={c.id} selected={c.id === col.id}>{c.name}</option>
                              ))}
                            </select>
                            <button type="submit" class="rounded bg-brand-600 px-2 py-0.5 text-xs text-white">
                              Move
                            </button>
                          </form>
                        </details>
                      )}
                  </li>
                ))}
              </ul>
              {col.next
                ? (
                  <p data-more={col.id} class="px-1 pt-2 text-center text-xs text-slate-500">
                    {hydrated ? "Loading more…" : (
                      <a href={`${props.listHref}&stage=${col.id}`} class="underline">
                        All {col.count.toLocaleString("en")} deals of {col.name} in the list
                      </a>
                    )}
                  </p>
                )
                : null}
              {col.cards.length === 0 ? <p class="px-1 text-center text-xs text-slate-600">No deals</p> : null}
            </div>
          </section>
        ))}
      </div>
      <dialog
        ref={dialog}
        aria-labelledby="lost-title"
        class="w-full max-w-sm rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40"
        onClose={() => setLosing(null)}
      >
        <form method="dialog" onSubmit={onLost} class="space-y-4 p-5">
          <h2 id="lost-title" class="text-lg font-semibold">Mark “{losing?.title}” as lost</h2>
          <div>
            <label for="lost-reason" class="block text-sm font-medium text-slate-700">Why was it lost?</label>
            <input
              id="lost-reason"
              name="reason"
              required
              maxLength={500}
              list="lost-reasons"
              class="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
            />
            <datalist id="lost-reasons">{LOST_REASONS.map((r) => <option key={r} value={r} />)}</datalist>
          </div>
          <div class="flex justify-end gap-2">
            <button
              type="button"
              class="rounded-md border border-slate-300 px-3 py-1.5 text-sm"
              onClick={() => dialog.current?.close()}
            >
              Cancel
            </button>
            <button type="submit" class="rounded-md bg-red-600 px-3 py-1.5 text-sm font-medium text-white">
              Mark lost
            </button>
          </div>
        </form>
      </dialog>
    </div>
  );
}
