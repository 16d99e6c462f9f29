/**
 * On a phone the board shows one stage at a time (the columns snap as they are swiped); these links
 * name each stage with its count and jump to it. Plain in-page links, so they work before the board
 * hydrates too; the board marks the stage in view.
 */
import type { BoardColumn } from "@/lib/deals/board.ts";

export interface StagePickerProps {
  columns: BoardColumn[];
  /** The stage in view. */
  shown: string;
  onPick(stageId: string): void;
}

export function StagePicker({ columns, shown, onPick }: StagePickerProps) {
  return (
    <nav aria-label="Stages" class="mb-3 md:hidden">
      <ul class="flex gap-2 overflow-x-auto pb-1">
        {columns.map((col) => (
          <li key={col.id} class="shrink-0">
            <a
              href={`#column-${col.id}`}
              aria-current={col.id === shown ? "true" : undefined}
              onClick={(e) => {
                e.preventDefault();
                onPick(col.id);
              }}
              class={`flex min-h-[44px] items-center gap-1.5 rounded-full px-3 text-sm ring-1 ${
                col.id === shown ? "bg-brand-600 text-white ring-brand-600" : "bg-white text-slate-700 ring-slate-300"
              }`}
            >
              {col.name} <span class="tabular-nums">{col.count.toLocaleString("en")}</span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
