/** Export everything in Chromium: a new admin opens Settings → Data from the nav, exports, and opens the zip. */
import assert from "node:assert/strict";
import { strFromU8, unzipSync } from "fflate";
import { csvRows } from "@/tests/helpers/csv.ts";
import { openBrowser, SCREENSHOTS, signUp, startAppServer } from "@/tests/helpers/browser.ts";

Deno.test("export in Chromium: Settings → Data → Export everything downloads a zip with the workspace in it", async () => {
  const server = await startAppServer();
  const browser = await openBrowser(server.origin);
  const { page, problems } = browser;
  const app = `${server.origin}/app/zip-co`;
  try {
    await signUp(page, server.origin, { name: "Zoe Zip", email: "zoe@zip.test", password: "quartz lantern 4 meadow" });
    await page.goto(`${server.origin}/app`);
    await page.getByLabel("Organisation name").fill("Zip Co");
    await page.getByRole("button", { name: "Create organisation" }).click();
    await page.waitForURL(/\/app\/zip-co/);
    await page.goto(`${app}/contacts/new`);
    await page.getByLabel("First name").fill("=Cleo");
    await page.getByLabel("Email").fill("cleo@buyer.test");
    await page.getByRole("button", { name: /Create contact/ }).click();
    await page.waitForURL(/\/contacts\/[0-9a-f-]{36}$/);

    await page.goto(`${app}/settings`);
    await page.getByRole("link", { name: "Data", exact: true }).click();
    await page.waitForURL(/\/settings\/data$/);
    await page.getByText("This workspace has 1 record. The zip downloads straight away.").waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/export-data.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SCREENSHOTS}/export-data-390.png`, fullPage: true });

    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Export everything" }).click();
    const zip = await download;
    assert.match(zip.suggestedFilename(), /^zip-co-export-\d{4}-\d{2}-\d{2}\.zip$/);
    const files = unzipSync(await Deno.readFile(await zip.path()));
    assert.ok("workspace.json" in files && "members.csv" in files);
    const contacts = csvRows(strFromU8(files["contacts.csv"]));
    assert.deepEqual(contacts.slice(1).map((r) => [r[0], r[2]]), [["'=Cleo", "cleo@buyer.test"]]);
    const json = JSON.parse(strFromU8(files["workspace.json"]));
    assert.equal(json.members[0].email, "zoe@zip.test");
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.close();
  }
});
