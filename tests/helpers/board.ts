/** Locators for the deal board island in browser tests. */
import type { Locator, Page } from "playwright-core";

export const column = (page: Page, stage: string) =>
  page.locator("section", { has: page.getByRole("heading", { level: 2, name: stage, exact: true }) });
export const card = (page: Page, title: string) => page.locator("li[data-id]", { hasText: title });
export const titlesIn = (page: Page, stage: string) => column(page, stage).locator("li[data-id] a").allTextContents();
/** The next move the board posts. */
export const moved = (page: Page) =>
  page.waitForResponse((r) => r.url().endsWith("/move") && r.request().method() === "POST");

/** Drags a card onto a stage's column with the mouse. */
export const dragToStage = (page: Page, title: string, stage: string) =>
  dragOnto(page, title, column(page, stage).locator("ul"));

/** Drags a card onto the Won or Lost zone at the board's edge. */
export const dragToOutcome = (page: Page, title: string, outcome: "won" | "lost") =>
  dragOnto(page, title, page.locator(`[data-outcome="${outcome}"]`));

/** Drags a card onto `target` with the mouse, as SortableJS expects (a small move first, then the drop). */
async function dragOnto(page: Page, title: string, target: Locator) {
  const from = await card(page, title).boundingBox();
  const to = await target.boundingBox();
  if (!from || !to) throw new Error(`no card "${title}" or no drop target on screen`);
  await page.mouse.move(from.x + from.width / 2, from.y + 12);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 20, from.y + 30, { steps: 5 });
  await page.mouse.move(to.x + to.width / 2, to.y + Math.min(20, to.height / 2), { steps: 20 });
  await page.mouse.up();
}
