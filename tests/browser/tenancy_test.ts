/**
 * A new user signs up, confirms the address from the dev mailbox, creates an org and invites a colleague, who
 * accepts (signing up on the way, in another browser) and sees that org only; no email job failed; the owner logs out (Back shows no
 * data) and resets a forgotten password. Every emailed link is followed exactly as sent (the server runs on a
 * port other than 8000 with no APP_URL).
 */
import assert from "node:assert/strict";
import { linkFromMailbox, openBrowser, SCREENSHOTS, startAppServer } from "@/tests/helpers/browser.ts";

Deno.test("tenancy in Chromium: sign up, verify, create an org, invite a colleague who sees only that org", async (t) => {
  const server = await startAppServer();
  const owner = await openBrowser(server.origin);
  const colleague = await openBrowser(server.origin);
  const tag = crypto.randomUUID().slice(0, 8);
  const olive = `olive-${tag}@example.test`;
  const cole = `cole-${tag}@example.test`;
  try {
    await t.step("sign up and confirm the address from the dev mailbox", async () => {
      const { page } = owner;
      await page.goto(`${server.origin}/`);
      await page.getByRole("link", { name: /sign up/i }).first().click();
      await page.waitForURL(/\/signup$/);
      await page.getByLabel("Your name").fill("Olive Owner");
      await page.getByLabel("Work email").fill(olive);
      await page.getByLabel("Password").fill("correct horse battery staple");
      await page.getByRole("button", { name: "Create account" }).click();
      await page.waitForURL(/\/verify/);
      const link = await linkFromMailbox(page, server.origin, olive, /Confirm your email address/);
      await page.goto(link);
      await page.getByText("your email address is confirmed").waitFor();
    });

    await t.step("create two organisations", async () => {
      const { page } = owner;
      for (const name of ["Hidden Holdings", "Acme Tenancy"]) {
        await page.goto(`${server.origin}/app`);
        await page.getByLabel("Organisation name").fill(name);
        await page.getByRole("button", { name: "Create organisation" }).click();
        await page.waitForURL(new RegExp(`/app/${name.toLowerCase().replace(" ", "-")}$`));
      }
    });

    await t.step("invite a colleague as a member of one of them", async () => {
      const { page } = owner;
      await page.goto(`${server.origin}/app/acme-tenancy/settings/members`);
      await page.getByLabel("Email address").fill(cole);
      await page.getByLabel("Role").selectOption("MEMBER");
      await page.getByRole("button", { name: "Send invitation" }).click();
      await page.waitForURL(/\?notice=invited$/);
      await page.getByText(cole).first().waitFor();
      await page.screenshot({ path: `${SCREENSHOTS}/members-invited.png`, fullPage: true });
    });

    await t.step("the colleague accepts, signing up on the way, and lands in that org", async () => {
      const { page } = colleague;
      const link = await linkFromMailbox(page, server.origin, cole, /invited you to Acme Tenancy/);
      await page.goto(link);
      await page.getByLabel("Your name").fill("Cole League");
      await page.getByLabel("Choose a password").fill("violet harbour 7 lantern");
      await page.getByRole("button", { name: "Create account and join" }).click();
      await page.waitForURL(/\/app\/acme-tenancy$/);
      await page.screenshot({ path: `${SCREENSHOTS}/colleague-home.png`, fullPage: true });
    });

    await t.step("the colleague sees only that org; the other one answers 404", async () => {
      const { page } = colleague;
      await page.goto(`${server.origin}/app`);
      const main = await page.getByRole("main").innerText();
      assert.match(main, /Acme Tenancy/);
      assert.doesNotMatch(main, /Hidden Holdings/);
      const other = await page.goto(`${server.origin}/app/hidden-holdings`);
      assert.equal(other?.status(), 404);
      assert.doesNotMatch(await page.content(), /Hidden Holdings/);
      // The browser logs the 404 it was meant to get; nothing else may be logged.
      const expected = colleague.problems.findIndex((p) => /status of 404/.test(p));
      assert.ok(expected >= 0);
      colleague.problems.splice(expected, 1);
    });

    await t.step("the owner sees the colleague as a member", async () => {
      const { page } = owner;
      await page.goto(`${server.origin}/app/acme-tenancy/settings/members`);
      assert.match(await page.getByRole("main").innerText(), /Cole League/);
    });

    await t.step("every email went out: the owner's Background jobs page lists no failed job", async () => {
      const { page } = owner;
      await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Background jobs" }).click();
      await page.waitForURL(/\/settings\/jobs$/);
      await page.getByText("No failed jobs").waitFor();
    });

    await t.step("after logging out, Back shows the login page, not the workspace", async () => {
      const { page } = owner;
      await page.getByRole("button", { name: "Log out" }).click();
      await page.waitForURL(/\/login\?notice=ended$/);
      await page.goBack();
      await page.waitForURL(/\/login\?next=/);
      await page.getByRole("button", { name: "Log in" }).waitFor();
      assert.doesNotMatch(await page.content(), /Cole League|Acme Tenancy/);
    });

    await t.step("a forgotten password is reset from the emailed link as sent", async () => {
      const { page } = owner;
      await page.getByRole("link", { name: "Forgot your password?" }).click();
      await page.waitForURL(/\/forgot-password$/);
      await page.getByLabel("Email").fill(olive);
      await page.getByRole("button", { name: "Send reset link" }).click();
      await page.getByText("a reset link is on its way").waitFor();
      await page.waitForURL(/\/forgot-password$/);
      const link = await linkFromMailbox(page, server.origin, olive, /Reset your NexaCRM password/);
      await page.goto(link);
      await page.getByLabel("New password", { exact: true }).fill("quiet meadow 4 copper");
      await page.getByLabel("Repeat the new password").fill("quiet meadow 4 copper");
      await page.getByRole("button", { name: "Set password" }).click();
      await page.waitForURL(/\/login\?notice=reset$/);
      await page.getByLabel("Email").fill(olive);
      await page.getByLabel("Password").fill("quiet meadow 4 copper");
      await page.getByRole("button", { name: "Log in" }).click();
      await page.waitForURL(/\/app(\/acme-tenancy)?$/);
      assert.deepEqual([...owner.problems, ...colleague.problems], []);
    });
  } finally {
    await owner.close();
    await colleague.close();
    await server.close();
  }
});
