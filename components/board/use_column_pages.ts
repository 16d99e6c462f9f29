/** Loads a column's next page of cards as its "more" marker (`[data-more]` inside `root`) scrolls into view. */
import { type RefObject } from "preact";
import { useEffect } from "preact/hooks";
import type { BoardColumn } from "@/lib/deals/board.ts";

export function useColumnPages(
  root: RefObject<HTMLElement>,
  columns: BoardColumn[],
  loadMore: (stageId: string) => Promise<void>,
) {
  // Observe again whenever a column's next page changes (its marker comes, goes or moves down).
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
}
