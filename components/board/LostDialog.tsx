/** Asks why a deal was lost (common reasons offered), as a modal dialog opened while `card` is set. */
import { useEffect, useRef } from "preact/hooks";
import type { BoardCard } from "@/lib/deals/board.ts";

const LOST_REASONS = ["Price", "Chose a competitor", "No budget", "Bad timing", "No response"];

export interface LostDialogProps {
  card: BoardCard | null;
  onLost(card: BoardCard, reason: string): void;
  /** The dialog closed, with or without a reason. */
  onClose(): void;
}

export function LostDialog({ card, onLost, onClose }: LostDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (card) dialog.current?.showModal();
  }, [card]);

  const submit = (e: Event) => {
    e.preventDefault();
    const reason = new FormData(e.currentTarget as HTMLFormElement).get("reason") as string;
    dialog.current?.close();
    onClose();
    onLost(card!, reason);
  };

  return (
    <dialog
      ref={dialog}
      aria-labelledby="lost-title"
      class="w-full max-w-sm rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40"
      onClose={onClose}
    >
      <form method="dialog" onSubmit={submit} class="space-y-4 p-5">
        <h2 id="lost-title" class="text-lg font-semibold">Mark “{card?.title}” as lost</h2>
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
  );
}
