/**
 * Notifications between two colleagues in Chromium: the owner assigns a deal to a rep; the rep's bell shows it
 * within 30 s without a reload and the dev mailbox has the email; the rep mentions the owner in a note and the
 * owner's bell shows it; the rep turns assignment emails off, and the next assignment only rings the bell.
 * Screenshots of the bell's panel and the inbox at 1280 and 390 px land in .data/screenshots.
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { linkFromMailbox, openBrowser, SCREENSHOTS, signUp, startAppServer } from "@/tests/helpers/browser.ts";

/** Within the bell's poll (20 s) and the 30 s, without reloading the page. */
const BELL_WAIT_MS = 30_000;

async function newDeal(page: Page, base: string, title: string, owner: string) {
  await page.goto(`${base}/deals/new`);
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Owner").selectOption({ label: owner });
  await page.getByRole("button", { name: "Create deal" }).click();
  await page.waitForURL(/\/deals\/[0-9a-f-]{36}$/);
}

/** The bell's panel, opened if it is not. */
async function bellPanel(page: Page) {
  const panel = page.getByRole("region", { name: "Latest notifications" });
  if (!await panel.isVisible()) await page.getByRole("button", { name: /^Notifications/ }).click();
  await panel.waitFor();
  return panel;
}

async function mailboxSubjects(page: Page, origin: string, to: string): Promise<string> {
  await page.goto(`${origin}/dev/mailbox?to=${encodeURIComponent(to)}`);
  return await page.getByRole("main").innerText();
}

Deno.test("notifications in Chromium: assign → bell and email; mention → bell; emails off → bell only", async (t) => {
  const server = await startAppServer();
  const owner = await openBrowser(server.origin);
  const rep = await openBrowser(server.origin);
  const tag = crypto.randomUUID().slice(0, 8);
  const oliveEmail = `olive-${tag}@example.test`;
  const ritaEmail = `rita-${tag}@example.test`;
  const base = `${server.origin}/app/bell-co`;
  try {
    await t.step("the owner makes the org and invites the rep, who joins", async () => {
      await signUp(owner.page, server.origin, {
        name: "Olive Owner",
        email: oliveEmail,
        password: "amber falcon 9 orchard",
      });
      await owner.page.goto(`${server.origin}/app`);
      await owner.page.getByLabel("Organisation name").fill("Bell Co");
      await owner.page.getByRole("button", { name: "Create organisation" }).click();
      await owner.page.waitForURL(/\/app\/bell-co$/);
      await owner.page.goto(`${base}/settings/members`);
      await owner.page.getByLabel("Email address").fill(ritaEmail);
      await owner.page.getByLabel("Role").selectOption("MEMBER");
      await owner.page.getByRole("button", { name: "Send invitation" }).click();
      await owner.page.waitForURL(/\?notice=invited$/);
      const link = await linkFromMailbox(rep.page, server.origin, ritaEmail, /invited you to Bell Co/);
      await rep.page.goto(link);
      await rep.page.getByLabel("Your name").fill("Rita Rep");
      await rep.page.getByLabel("Choose a password").fill("violet harbour 7 lantern");
      await rep.page.getByRole("button", { name: "Create account and join" }).click();
      await rep.page.waitForURL(/\/app\/bell-co$/);
    });

    await t.step(
      "the owner assigns a deal; the rep's bell shows it without a reload, and the email arrives",
      async () => {
        await rep.page.getByRole("button", { name: "Notifications" }).waitFor();
        await newDeal(owner.page, base, "Initech renewal", "Rita Rep");
        await rep.page.getByRole("button", { name: "Notifications, 1 unread" }).waitFor({ timeout: BELL_WAIT_MS });
        const panel = await bellPanel(rep.page);
        await panel.getByRole("link", { name: "Olive Owner assigned you the deal “Initech renewal”" }).waitFor();
        await rep.page.screenshot({ path: `${SCREENSHOTS}/bell-panel-1280.png` });
        assert.match(
          await mailboxSubjects(owner.page, server.origin, ritaEmail),
          /assigned you the deal “Initech renewal”/,
        );
      },
    );

    await t.step(
      "the rep opens the deal from the panel and mentions the owner in a note; the owner's bell shows it",
      async () => {
        await owner.page.goto(`${base}/deals`);
        const panel = await bellPanel(rep.page);
        await panel.getByRole("link", { name: /Initech renewal/ }).click();
        await rep.page.waitForURL(/\/deals\/[0-9a-f-]{36}$/);
        await rep.page.getByLabel("Type").selectOption("note");
        await rep.page.getByLabel("Subject").fill("Pricing question");
        await rep.page.getByLabel("Details").fill("@Olive Owner can we go to 15% off?");
        await rep.page.getByRole("button", { name: "Add to timeline" }).click();
        await rep.page.waitForURL(/#timeline$/);
        // The owner also has "Rita Rep accepted your invitation and joined".
        await owner.page.getByRole("button", { name: "Notifications, 2 unread" }).waitFor({ timeout: BELL_WAIT_MS });
        const ownerPanel = await bellPanel(owner.page);
        await ownerPanel.getByRole("link", { name: "Rita Rep mentioned you in a note on the deal “Initech renewal”" })
          .waitFor();
        await ownerPanel.getByRole("button", { name: "Mark all read" }).click();
        await owner.page.getByRole("button", { name: "Notifications", exact: true }).waitFor();
      },
    );

    await t.step("the rep turns assignment emails off; the next assignment only rings the bell", async () => {
      await rep.page.goto(`${base}/notifications/preferences`);
      await rep.page.getByLabel("A record or task is assigned to me by someone else").selectOption("in_app");
      await rep.page.getByRole("button", { name: "Save preferences" }).click();
      await rep.page.waitForURL(/\?saved=1$/);
      await rep.page.getByText("Preferences saved.").waitFor();
      await rep.page.goto(`${base}/notifications`);
      await newDeal(owner.page, base, "Hooli expansion", "Rita Rep");
      await rep.page.getByRole("button", { name: "Notifications, 2 unread" }).waitFor({ timeout: BELL_WAIT_MS });
      await rep.page.reload();
      await rep.page.getByRole("link", { name: "Olive Owner assigned you the deal “Hooli expansion”" }).waitFor();
      await rep.page.screenshot({ path: `${SCREENSHOTS}/notifications-inbox-1280.png`, fullPage: true });
      await rep.page.setViewportSize({ width: 390, height: 844 });
      await rep.page.reload();
      await rep.page.screenshot({ path: `${SCREENSHOTS}/notifications-inbox-390.png`, fullPage: true });
      await bellPanel(rep.page);
      await rep.page.screenshot({ path: `${SCREENSHOTS}/bell-panel-390.png` });
      const mails = await mailboxSubjects(owner.page, server.origin, ritaEmail);
      assert.match(mails, /Initech renewal/);
      assert.doesNotMatch(mails, /Hooli expansion/);
    });

    assert.deepEqual([...owner.problems, ...rep.problems], []);
  } finally {
    await owner.close();
    await rep.close();
    await server.close();
  }
});
