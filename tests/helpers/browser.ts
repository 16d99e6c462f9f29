/**
 * Browser tests against the real server: `main.ts` (what `deno task start` runs, so build first) on a free port
 * (never the default 8000) with a fresh PGlite data directory and no APP_URL, so every emailed or shown link is
 * the app's own default for that port; and Debian Chromium driven by playwright-core with a fresh profile.
 */
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { ROOT } from "@/lib/app.ts";
import { auditNavigations } from "./axe.ts";
import { freePort } from "./services.ts";

export const SCREENSHOTS = `${ROOT}/.data/screenshots`;

export interface AppServer {
  origin: string;
  close(): Promise<void>;
}

/** `demo`: started as `deno task dev` starts it (`--dev`), so the empty database gets the demo workspace. */
export async function startAppServer(opts: { demo?: boolean } = {}): Promise<AppServer> {
  const dataDir = await Deno.makeTempDir({ prefix: "nexacrm-browser-" });
  const port = freePort();
  // What a developer types after `PORT=… deno task dev`, and what the links the app sends must point at.
  const origin = `http://localhost:${port}`;
  const env = Deno.env.toObject();
  for (const name of ["DATABASE_URL", "DATABASE_DRIVER", "APP_URL"]) delete env[name];
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "main.ts", ...(opts.demo ? ["--dev"] : [])],
    cwd: ROOT,
    clearEnv: true,
    env: { ...env, NO_COLOR: "1", PORT: String(port), HOSTNAME: "127.0.0.1", DATA_DIR: dataDir },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const output = Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text()]);
  const close = async () => {
    try {
      child.kill("SIGTERM");
    } catch { /* already exited */ }
    await child.status;
    await output;
    await Deno.remove(dataDir, { recursive: true });
  };

  let exited = false;
  child.status.then(() => (exited = true));
  const deadline = Date.now() + 60_000;
  while (true) {
    try {
      const res = await fetch(`${origin}/healthz`);
      await res.body?.cancel();
      if (res.ok) return { origin, close };
    } catch { /* not listening yet */ }
    if (exited || Date.now() > deadline) {
      await close();
      throw new Error(`The app server did not become healthy at ${origin}/healthz:\n${(await output).join("")}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Console errors, uncaught page errors, CSP violations and pages axe did not scan, in order. */
  problems: string[];
  close(): Promise<void>;
}

/**
 * A fresh Chromium profile on the app at `origin`, whose pages are checked by axe-core as the tests reach them
 * (./axe.ts); `timezoneId` sets the browser's time zone (the machine's by default).
 */
/** A phone as a rep holds it: 390 × 844 CSS pixels, touch, a mobile viewport. */
export const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };

export async function openBrowser(
  origin: string,
  opts: { timezoneId?: string } & Partial<typeof PHONE> = {},
): Promise<BrowserSession> {
  const profile = await Deno.makeTempDir({ prefix: "nexacrm-chromium-" });
  const context = await chromium.launchPersistentContext(profile, {
    ...opts,
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  // Runs outside the page's CSP, so it reports violations even of script-src.
  await context.addInitScript(() =>
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline code"}`);
    })
  );
  const page = context.pages()[0] ?? await context.newPage();
  const problems: string[] = [];
  page.on("console", (msg) => msg.type() === "error" && problems.push(msg.text()));
  page.on("pageerror", (err) => problems.push(err.message));
  auditNavigations(page, origin, problems);
  return {
    context,
    page,
    problems,
    close: async () => {
      await context.close();
      await Deno.remove(profile, { recursive: true });
    },
  };
}

/**
 * Opens the newest email to `to` with `subject` in the dev mailbox and returns the first link in it. The server's job
 * worker delivers it just after the request that sent it: until it is there, the mailbox is reloaded, as a person would.
 */
export async function linkFromMailbox(page: Page, origin: string, to: string, subject: RegExp): Promise<string> {
  const email = page.getByRole("link", { name: subject }).first();
  const deadline = Date.now() + 10_000;
  for (;;) {
    await page.goto(`${origin}/dev/mailbox?to=${encodeURIComponent(to)}`);
    if (await email.count() || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await email.click();
  await page.waitForURL(/\/dev\/mailbox\/[0-9a-f-]{36}$/);
  const link = page.getByRole("link", { name: new RegExp(`^${origin}/`) }).first();
  return (await link.getAttribute("href"))!;
}

/** Signs up through the form and follows the emailed confirmation link, which signs this browser in. */
export async function signUp(
  page: Page,
  origin: string,
  who: { name: string; email: string; password: string },
): Promise<void> {
  await page.goto(`${origin}/signup`);
  await page.getByLabel("Your name").fill(who.name);
  await page.getByLabel("Work email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(/\/verify/);
  await page.goto(await linkFromMailbox(page, origin, who.email, /Confirm your email address/));
  await page.getByText("your email address is confirmed").waitFor();
}
