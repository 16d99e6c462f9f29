/**
 * axe-core over every page of the app a browser test lands on: `goto`, `reload` and `waitForURL` scan the page
 * they end on and throw on a serious or critical violation, naming rule, element and what is wrong. A navigation
 * nothing scanned (a click that left the page with no `waitForURL` after it) stays in the session's problems.
 */
import type { Page } from "playwright-core";
import { ROOT } from "@/lib/app.ts";

/** axe's own bundle, evaluated in the page (outside its CSP, like the tests' other probes). */
const AXE_SOURCE = await Deno.readTextFile(`${ROOT}/node_modules/axe-core/axe.min.js`);

export interface Violation {
  rule: string;
  impact: string;
  help: string;
  nodes: { target: string; summary: string }[];
}

/** The serious and critical violations axe finds on the page as it is now. */
export async function axeViolations(page: Page): Promise<Violation[]> {
  if (!await page.evaluate(() => "axe" in globalThis)) await page.evaluate(AXE_SOURCE);
  return await page.evaluate(async () => {
    // deno-lint-ignore no-explicit-any
    const axe = (globalThis as any).axe;
    const results = await axe.run(document, { resultTypes: ["violations"] });
    // deno-lint-ignore no-explicit-any
    return results.violations.filter((v: any) => v.impact === "serious" || v.impact === "critical").map((v: any) => ({
      rule: v.id,
      impact: v.impact,
      help: v.help,
      // deno-lint-ignore no-explicit-any
      nodes: v.nodes.map((n: any) => ({ target: n.target.join(" "), summary: n.failureSummary ?? "" })),
    }));
  });
}

export function describeViolations(url: string, violations: Violation[]): string {
  const lines = violations.flatMap((v) => [
    `- ${v.rule} (${v.impact}): ${v.help}`,
    ...v.nodes.map((n) => `    ${n.target}\n      ${n.summary.replaceAll("\n", "\n      ")}`),
  ]);
  return `axe-core: ${violations.length} serious or critical violation(s) on ${url}\n${lines.join("\n")}`;
}

const notScanned = (url: string) => `not scanned by axe: ${url}`;
const withoutHash = (url: string) => url.split("#")[0];

/** Scans every page of `origin` the tests navigate to; see the module's comment. */
export function auditNavigations(page: Page, origin: string, problems: string[]): void {
  const ours = (url: string) => url.startsWith(`${origin}/`);
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame() && ours(frame.url())) problems.push(notScanned(withoutHash(frame.url())));
  });
  const scan = async () => {
    const url = withoutHash(page.url());
    if (!ours(url)) return;
    const violations = await axeViolations(page);
    for (let i = problems.indexOf(notScanned(url)); i >= 0; i = problems.indexOf(notScanned(url))) {
      problems.splice(i, 1);
    }
    if (violations.length) throw new Error(describeViolations(url, violations));
  };
  const scanned = <A extends unknown[], R>(navigate: (...args: A) => Promise<R>) => async (...args: A) => {
    const result = await navigate(...args);
    await scan();
    return result;
  };
  page.goto = scanned(page.goto.bind(page));
  page.reload = scanned(page.reload.bind(page));
  page.waitForURL = scanned(page.waitForURL.bind(page));
}
