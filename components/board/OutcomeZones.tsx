/** The Won and Lost drop zones at the board's edge: a card dropped on one is closed with that outcome. */
import type { Outcome } from "./use_board.ts";

const ZONES: { outcome: Outcome; label: string; class: string }[] = [
  { outcome: "won", label: "Won", class: "border-emerald-400 bg-emerald-50 text-emerald-800" },
  { outcome: "lost", label: "Lost", class: "border-red-300 bg-red-50 text-red-800" },
];

export function OutcomeZones({ hydrated }: { hydrated: boolean }) {
  return (
    // Hidden until hydrated (they need script), but holding their place so the board does not jump.
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
  );
}
