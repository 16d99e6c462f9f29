/**
 * Automation in Chromium: a new user makes the rule "deal moved to Proposal → email the contact and
 * create a follow-up task in 2 days" in the server-rendered editor, drags a deal to Proposal, and sees
 * the email in the dev mailbox, the task on the deal and the run in the log.
 */
import assert from "node:assert/strict";
import { dragToStage, moved } from "@/tests/helpers/board.ts";
import { openBrowser, SCREENSHOTS, signUp, startAppServer } from "@/tests/helpers/browser.ts";

Deno.test("automation in Chromium: a rule made in the editor runs when a deal is dragged to Proposal", async (t) => {
  const server = await startAppServer();
  const browser = await openBrowser(server.origin);
  const { page, problems } = browser;
  const app = `${server.origin}/app/auto-co`;
  try {
    await t.step("sign up, an org, a contact and a deal", async () => {
      await signUp(page, server.origin, {
        name: "Ava Auto",
        email: "ava@auto.test",
        password: "quartz lantern 4 meadow",
      });
      await page.goto(`${server.origin}/app`);
      await page.getByLabel("Organisation name").fill("Auto Co");
      await page.getByRole("button", { name: "Create organisation" }).click();
      await page.waitForURL(/\/app\/auto-co/);
      await page.goto(`${app}/contacts/new`);
      await page.getByLabel("First name").fill("Cleo");
      await page.getByLabel("Email").fill("cleo@buyer.test");
      await page.getByRole("button", { name: /Create contact/ }).click();
      await page.waitForURL(/\/contacts\/[0-9a-f-]{36}$/);
      await page.goto(`${app}/deals/new`);
      await page.getByLabel("Title").fill("Cleo's deal");
      await page.getByLabel("Value (USD)").fill("1200");
      await page.getByLabel("Contact email").fill("cleo@buyer.test");
      await page.getByRole("button", { name: "Create deal" }).click();
      await page.waitForURL(/\/deals\/[0-9a-f-]{36}$/);
    });

    await t.step("make the rule in the editor", async () => {
      await page.goto(`${app}/settings/automation`);
      await page.getByRole("link", { name: "New rule" }).click();
      await page.getByLabel("Name").fill("Proposal follow-up");
      await page.getByLabel("Moved to").selectOption({ label: "Sales · Proposal" });
      await page.getByLabel("New action").selectOption("send_email");
      await page.getByRole("button", { name: "Add action" }).click();
      await page.getByLabel("To", { exact: true }).waitFor();
      await page.waitForURL(/automation\/new$/);
      await page.getByLabel("To", { exact: true }).selectOption("contact");
      await page.getByLabel("Subject", { exact: true }).fill("Your proposal: {{deal.title}}");
      await page.getByLabel("Body", { exact: true }).fill(
        "Hi {{contact.first_name}}, here is the proposal for {{deal.amount}}.",
      );
      await page.getByLabel("New action").selectOption("create_task");
      await page.getByRole("button", { name: "Add action" }).click();
      await page.getByLabel("Task", { exact: true }).waitFor();
      await page.waitForURL(/automation\/new$/);
      await page.getByLabel("Task", { exact: true }).fill("Follow up with {{contact.first_name}}");
      await page.getByLabel("Due in (days)").fill("2");
      await page.getByLabel("Assigned to").selectOption("owner");
      await page.screenshot({ path: `${SCREENSHOTS}/automation-editor.png`, fullPage: true });
      await page.getByRole("button", { name: "Save rule" }).click();
      await page.waitForURL(/notice=saved/);
      await page.getByText("The rule is saved.").waitFor();
      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: `${SCREENSHOTS}/automation-rules-390.png`, fullPage: true });
      await page.setViewportSize({ width: 1280, height: 900 });
    });

    await t.step("drag the deal to Proposal: the email, the task, the run", async () => {
      await page.goto(`${app}/deals`);
      await page.getByRole("button", { name: "Won: Cleo's deal" }).waitFor();
      const response = moved(page);
      await dragToStage(page, "Cleo's deal", "Proposal");
      assert.equal((await response).status(), 200);

      const email = page.getByRole("link", { name: /Your proposal: Cleo's deal/ });
      const deadline = Date.now() + 10_000;
      for (;;) {
        await page.goto(`${server.origin}/dev/mailbox?to=${encodeURIComponent("cleo@buyer.test")}`);
        if (await email.count() || Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      await email.click();
      await page.waitForURL(/\/dev\/mailbox\/[0-9a-f-]{36}$/);
      await page.getByText("Hi Cleo, here is the proposal for $1,200.").waitFor();

      await page.goto(`${app}/settings/automation/runs`);
      await page.getByText("Deal moved from Qualified to Proposal").waitFor();
      assert.match(await page.getByRole("list", { name: "Actions" }).innerText(), /Send an email — succeeded/);
      await page.screenshot({ path: `${SCREENSHOTS}/automation-runs.png`, fullPage: true });
      await page.getByRole("link", { name: /Cleo's deal/ }).first().click();
      await page.waitForURL(/\/deals\/[0-9a-f-]{36}$/);
      await page.getByText("Follow up with Cleo").first().waitFor();
    });
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.close();
  }
});
