/** The axe-core scan the browser tests run after each navigation reports what is wrong, where, and only when serious. */
import assert from "node:assert/strict";
import { axeViolations, describeViolations } from "@/tests/helpers/axe.ts";
import { openBrowser } from "@/tests/helpers/browser.ts";

Deno.test("axe-core scan: serious and critical violations with rule, target and summary; moderate ones pass", async () => {
  const browser = await openBrowser("http://127.0.0.1:9");
  try {
    const { page } = browser;
    await page.setContent(`<!doctype html><html lang="en"><head><title>Probe</title></head><body><main>
      <h1>Probe</h1>
      <p id="faint" style="color:#94a3b8;background:#fff">Timestamp text</p>
      <img id="photo" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
      <h4>Skipped heading levels are moderate</h4>
    </main></body></html>`);
    const violations = await axeViolations(page);
    assert.deepEqual(violations.map((v) => [v.rule, v.impact]).sort(), [
      ["color-contrast", "serious"],
      ["image-alt", "critical"],
    ]);
    const text = describeViolations("http://probe/", violations);
    assert.match(text, /^axe-core: 2 serious or critical violation\(s\) on http:\/\/probe\//);
    assert.match(text, /- color-contrast \(serious\): Elements must meet minimum color contrast ratio thresholds/);
    assert.match(text, /#faint\n\s+Fix any of the following:\n\s+Element has insufficient color contrast of 2\.56/);
    assert.match(text, /- image-alt \(critical\)/);
    assert.match(text, /#photo/);

    await page.setContent(`<!doctype html><html lang="en"><head><title>Fine</title></head><body><main>
      <h1>Fine</h1><p style="color:#64748b;background:#fff">Readable</p></main></body></html>`);
    assert.deepEqual(await axeViolations(page), []);
  } finally {
    await browser.close();
  }
});
