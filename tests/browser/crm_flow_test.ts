/**
 * The core loop in Chromium: a visitor sends the public web-to-lead form; the rep converts the lead,
 * drags the deal across stages with the mouse and the keyboard, marks it won, and finds the company
 * under customers; the deal's timeline shows each step; a record form is checked in the browser before
 * it is sent. Screenshots land in .data/screenshots.
 */
import assert from "node:assert/strict";
import { card, column, dragToStage, moved, titlesIn } from "@/tests/helpers/board.ts";
import { openBrowser, SCREENSHOTS, signUp, startAppServer } from "@/tests/helpers/browser.ts";

Deno.test("CRM loop in Chromium: web lead → convert → board (mouse, keyboard) → won → customer", async (t) => {
  const server = await startAppServer();
  const rep = await openBrowser(server.origin);
  const visitor = await openBrowser(server.origin);
  const { page } = rep;
  const base = `${server.origin}/app/loop-co`;
  let dealUrl = "";
  try {
    await t.step("the rep signs up and creates the workspace", async () => {
      await signUp(page, server.origin, {
        name: "Rita Rep",
        email: `rita-${crypto.randomUUID().slice(0, 8)}@example.test`,
        password: "amber falcon 9 orchard",
      });
      await page.goto(`${server.origin}/app`);
      await page.getByLabel("Organisation name").fill("Loop Co");
      await page.getByRole("button", { name: "Create organisation" }).click();
      await page.waitForURL(/\/app\/loop-co$/);
    });

    await t.step("a visitor sends the public web-to-lead form", async () => {
      await page.goto(`${base}/leads`);
      await page.getByRole("link", { name: "the web form, its link and embed code" }).click();
      await page.waitForURL(/\/settings\/web-form$/);
      await rep.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.origin });
      await page.getByRole("button", { name: "Copy embed code" }).click();
      await page.getByRole("status").filter({ hasText: "Copied to the clipboard." }).waitFor();
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      assert.equal(copied, await page.getByLabel("Embed code").inputValue());
      assert.match(copied, /<form action="[^"]+\/f\/loop-co" method="post">/);
      const formUrl = await page.getByRole("link", { name: /\/f\/loop-co$/ }).getAttribute("href");
      assert.equal(formUrl, `${server.origin}/f/loop-co`, "the address this server answers on");
      const form = visitor.page;
      await form.goto(formUrl);
      await form.getByLabel("Name").fill("Wendy Buyer");
      await form.getByLabel("Email").fill("wendy@initech.test");
      await form.getByLabel("Company").fill("Initech");
      await form.getByLabel("Message").fill("We need 40 seats before March.");
      await form.getByRole("button", { name: "Send" }).click();
      await form.waitForURL(/\?sent=1$/);
      await form.getByText("Thank you! Your message was sent").waitFor();
    });

    await t.step("the lead is in the inbox and converts in one step", async () => {
      await page.goto(`${base}/leads`);
      await page.getByRole("link", { name: "Wendy Buyer" }).click();
      await page.waitForURL(/\/leads\/[0-9a-f-]{36}$/);
      await page.getByRole("link", { name: "Convert" }).click();
      await page.waitForURL(/\/convert$/);
      await page.getByLabel("Deal title").fill("Initech seats");
      await page.getByLabel("Deal value (USD)").fill("12000");
      await page.screenshot({ path: `${SCREENSHOTS}/lead-convert.png`, fullPage: true });
      await page.getByRole("button", { name: "Convert lead" }).click();
      await page.waitForURL(/\/leads\/[0-9a-f-]{36}$/);
      assert.match(await page.getByRole("main").innerText(), /converted/i);
    });

    await t.step("drag the deal to the next stage with the mouse", async () => {
      await page.goto(`${base}/deals`);
      await page.getByRole("button", { name: "Won: Initech seats" }).waitFor();
      assert.deepEqual(await titlesIn(page, "Qualified"), ["Initech seats"]);
      const response = moved(page);
      await dragToStage(page, "Initech seats", "Meeting");
      assert.equal((await response).status(), 200);
      assert.deepEqual(await titlesIn(page, "Meeting"), ["Initech seats"]);
    });

    await t.step("move it one more stage with the keyboard", async () => {
      await card(page, "Initech seats").focus();
      await page.keyboard.press("Space");
      await page.getByRole("status").filter({ hasText: "Picked up “Initech seats”" }).waitFor();
      await page.keyboard.press("ArrowRight");
      await page.getByRole("status").filter({ hasText: "Proposal, position 1 of 1" }).waitFor();
      const response = moved(page);
      await page.keyboard.press("Space");
      assert.equal((await response).status(), 200);
      await page.getByRole("status").filter({ hasText: "Moved “Initech seats” to Proposal" }).waitFor();
      assert.deepEqual(await titlesIn(page, "Proposal"), ["Initech seats"]);
      await page.screenshot({ path: `${SCREENSHOTS}/loop-board.png`, fullPage: true });
    });

    await t.step("mark it won from the board", async () => {
      const response = page.waitForResponse((r) => r.url().endsWith("/outcome"));
      await page.getByRole("button", { name: "Won: Initech seats" }).click();
      assert.equal((await response).status(), 200);
      assert.deepEqual(await titlesIn(page, "Proposal"), []);
      assert.doesNotMatch(await column(page, "Proposal").innerText(), /Initech seats/);
    });

    await t.step("the company is a customer with the won value", async () => {
      await page.goto(`${base}/customers`);
      const main = await page.getByRole("main").innerText();
      assert.match(main, /Initech/);
      assert.match(main, /\$12,000/);
      await page.screenshot({ path: `${SCREENSHOTS}/customers.png`, fullPage: true });
    });

    await t.step("the deal's timeline shows every step", async () => {
      await page.goto(`${base}/deals/list?status=won`);
      await page.getByRole("link", { name: "Initech seats" }).first().click();
      await page.waitForURL(/\/deals\/[0-9a-f-]{36}$/);
      dealUrl = page.url();
      const timeline = await page.locator("#timeline").innerText();
      assert.match(timeline, /Qualified\s*→\s*Meeting/);
      assert.match(timeline, /Meeting\s*→\s*Proposal/);
      assert.match(timeline, /won/i);
      await page.screenshot({ path: `${SCREENSHOTS}/deal-timeline-won.png`, fullPage: true });
    });

    await t.step("a record form checks its fields in the browser with the server's messages", async () => {
      await page.goto(`${base}/companies/new`);
      await page.locator("form[novalidate]").waitFor(); // FormCheck hydrated
      const posts: string[] = [];
      page.on("request", (r) => r.method() === "POST" && posts.push(r.url()));
      const name = page.getByLabel("Name", { exact: true });
      const domain = page.getByLabel("Website domain");
      await domain.fill("not a domain");
      await domain.blur();
      await page.locator("#f-domain-error").getByText("Enter a domain like acme.com").waitFor();
      assert.equal(await domain.getAttribute("aria-invalid"), "true");
      assert.equal(await domain.getAttribute("aria-describedby"), "f-domain-error");

      await page.getByRole("button", { name: "Create company" }).click();
      await page.locator("#f-name-error").getByText("Required").waitFor();
      assert.equal(await page.evaluate(() => document.activeElement?.id), "f-name", "the first wrong field has focus");
      await page.screenshot({ path: `${SCREENSHOTS}/company-form-checked.png`, fullPage: true });
      assert.deepEqual(posts, [], "nothing is sent while a field is wrong");

      await name.fill("Globex");
      await domain.fill("https://www.Globex.test/about");
      assert.equal(await page.locator("#f-domain-error, #f-name-error").count(), 0, "fixed fields lose their message");
      await page.getByRole("button", { name: "Create company" }).click();
      await page.waitForURL(/\/companies\/[0-9a-f-]{36}$/);
      assert.equal(posts.length, 1);
      assert.match(await page.getByRole("main").innerText(), /globex\.test/);
      assert.deepEqual([...rep.problems, ...visitor.problems], [], dealUrl);
    });
  } finally {
    await rep.close();
    await visitor.close();
    await server.close();
  }
});
