/**
 * The app on a phone (390 × 844, touch) in Chromium, as a rep on the road: every workspace page shows its
 * heading in the first screen and nothing scrolls sideways; a lead is captured and converted; on the board
 * one stage fills the screen, the stage picker switches stages, a deal moves by its "Move to…" menu and by
 * a long-press drag, and is won with one tap or by dropping it on the Won zone. axe scans every page.
 * Screenshots go to .data/screenshots/phone-*.png.
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { card, column, moved, titlesIn } from "@/tests/helpers/board.ts";
import { openBrowser, PHONE, SCREENSHOTS, signUp, startAppServer } from "@/tests/helpers/browser.ts";

/** The page's heading is in the first screen, and the page is no wider than the screen. */
async function fitsPhone(page: Page, shot: string) {
  const heading = await page.getByRole("heading", { level: 1 }).first().boundingBox();
  assert.ok(heading && heading.y + heading.height <= PHONE.viewport.height, `${page.url()}: h1 at ${heading?.y}`);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= PHONE.viewport.width, `${page.url()}: ${width} px wide`);
  await page.screenshot({ path: `${SCREENSHOTS}/phone-${shot}.png` });
}

/** Touches `from`, holds it past the board's long-press delay, slides to `to` and lifts (Chromium touch events). */
async function longPressDrag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  const cdp = await page.context().newCDPSession(page);
  const touch = (type: "touchStart" | "touchMove" | "touchEnd", at?: { x: number; y: number }) =>
    cdp.send("Input.dispatchTouchEvent", { type, touchPoints: at ? [at] : [] });
  await touch("touchStart", from);
  await page.waitForTimeout(450);
  for (let i = 1; i <= 12; i++) {
    await touch("touchMove", { x: from.x + (to.x - from.x) * i / 12, y: from.y + (to.y - from.y) * i / 12 });
    await page.waitForTimeout(30);
  }
  await touch("touchEnd");
  await cdp.detach();
}

const centre = (box: { x: number; y: number; width: number; height: number } | null) => {
  assert.ok(box);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
};

Deno.test("on a phone: headings in the first screen, no sideways scroll, the board by touch and by menu", async (t) => {
  const server = await startAppServer();
  const { page, problems, close } = await openBrowser(server.origin, PHONE);
  const base = `${server.origin}/app/road-co`;
  try {
    await t.step("sign up and create the workspace on the phone", async () => {
      await signUp(page, server.origin, { name: "Rae Road", email: "rae@road.test", password: "cobalt ferry 7 dune" });
      await page.goto(`${server.origin}/app`);
      await page.getByLabel("Organisation name").fill("Road Co");
      await page.getByRole("button", { name: "Create organisation" }).click();
      await page.waitForURL(/\/app\/road-co$/);
      await fitsPhone(page, "my-day");
    });

    await t.step("capture a lead and convert it", async () => {
      await page.goto(`${base}/leads/new`);
      await fitsPhone(page, "lead-form");
      await page.getByLabel("Name").fill("Wes Buyer");
      await page.getByLabel("Email").fill("wes@initech.test");
      await page.getByLabel("Company").fill("Initech");
      await page.getByRole("button", { name: "Create lead" }).click();
      await page.waitForURL(/\/leads\/[0-9a-f-]{36}$/);
      await fitsPhone(page, "lead");
      await page.getByRole("link", { name: "Convert" }).click();
      await page.waitForURL(/\/convert$/);
      await page.getByLabel("Deal title").fill("Initech seats");
      assert.equal(await page.getByLabel("Deal value (USD)").getAttribute("inputmode"), "decimal", "a number keyboard");
      await page.getByLabel("Deal value (USD)").fill("12000");
      await page.getByRole("button", { name: "Convert lead" }).click();
      await page.waitForURL(/\/leads\/[0-9a-f-]{36}$/);
      for (const title of ["Umbrella pilot", "Hooli renewal"]) {
        await page.goto(`${base}/deals/new`);
        await page.getByLabel("Title").fill(title);
        await page.getByLabel("Value (USD)").fill("500");
        await page.getByRole("button", { name: "Create deal" }).click();
        await page.waitForURL(/\/deals\/[0-9a-f-]{36}$/);
      }
    });

    await t.step("every list fits the phone", async () => {
      for (const list of ["leads", "contacts", "companies", "deals/list", "customers", "tasks"]) {
        await page.goto(`${base}/${list}`);
        await fitsPhone(page, list.replace("/", "-"));
      }
    });

    await t.step("the board shows one stage per screen; the stage picker switches stages", async () => {
      await page.goto(`${base}/deals`);
      await page.getByRole("button", { name: "Won: Initech seats" }).waitFor();
      await fitsPhone(page, "board");
      const qualified = await column(page, "Qualified").boundingBox();
      assert.ok(qualified && qualified.width > 300 && qualified.x >= 0, "the first stage fills the width");
      const picker = page.getByRole("navigation", { name: "Stages" });
      assert.match(await picker.locator("[aria-current=true]").innerText(), /^Qualified\s+3$/);
      await picker.getByRole("link", { name: /^Proposal/ }).tap();
      await page.waitForFunction(() => {
        const box = document.querySelector("section[id^=column-]:nth-of-type(3)")?.getBoundingClientRect();
        return box && Math.abs(box.x) < 30;
      });
      assert.match(await picker.locator("[aria-current=true]").innerText(), /^Proposal/);
      await picker.getByRole("link", { name: /^Qualified/ }).tap();
      await page.waitForFunction(() =>
        Math.abs(document.querySelector("section[id^=column-]")!.getBoundingClientRect().x) < 30
      );
    });

    await t.step("move a deal to another stage with its Move to… menu", async () => {
      const response = moved(page);
      await page.getByLabel("Move Initech seats to stage").selectOption({ label: "Meeting" });
      assert.equal((await response).status(), 200);
      assert.deepEqual(await titlesIn(page, "Meeting"), ["Initech seats"]);
      assert.deepEqual(await titlesIn(page, "Qualified"), ["Hooli renewal", "Umbrella pilot"]);
    });

    await t.step("a long press picks a card up and drags it within its stage", async () => {
      const response = moved(page);
      const from = centre(await card(page, "Umbrella pilot").locator("a").boundingBox());
      const to = await card(page, "Hooli renewal").boundingBox();
      await longPressDrag(page, from, { x: from.x, y: to!.y + 4 });
      assert.equal((await response).status(), 200);
      assert.deepEqual(await titlesIn(page, "Qualified"), ["Umbrella pilot", "Hooli renewal"]);
    });

    await t.step("won with one tap, and by dropping a card on the Won zone", async () => {
      const tapped = page.waitForResponse((r) => r.url().endsWith("/outcome"));
      await page.getByRole("button", { name: "Won: Hooli renewal" }).tap();
      assert.equal((await tapped).status(), 200);
      const dropped = page.waitForResponse((r) => r.url().endsWith("/outcome"));
      const from = centre(await card(page, "Umbrella pilot").locator("a").boundingBox());
      const zone = centre(await page.locator("[data-outcome=won]").boundingBox());
      await longPressDrag(page, from, zone);
      assert.equal((await dropped).status(), 200);
      assert.deepEqual(await titlesIn(page, "Qualified"), []);
      await page.goto(`${base}/deals/list?status=won`);
      const main = await page.getByRole("main").innerText();
      assert.match(main, /Hooli renewal/);
      assert.match(main, /Umbrella pilot/);
      await page.getByRole("link", { name: "Hooli renewal" }).first().click();
      await page.waitForURL(/\/deals\/[0-9a-f-]{36}$/);
      await fitsPhone(page, "deal");
    });

    assert.deepEqual(problems, []);
  } finally {
    await close();
    await server.close();
  }
});
