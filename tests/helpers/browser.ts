/**
 * Browser tests against the real server: `main.ts` (what `deno task start` runs, so build first) on a free port
 * (never the default 8000) with a fresh PGlite data directory and no APP_URL, so every emailed or shown link is
 * the app's own default for that port; and Debian Chromium driven by playwright-core with a fresh profile.
 */
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { ROOT } from "@/lib/app.ts";
import { auditNavigations } from "./axe.ts";

export const SCREENSHOTS = `${ROOT}/.data/screenshots`;

export interface AppServer {
  origin: string;
  close(): Promise<void>;
}

function freePort(): number {
  while (true) {
    const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    listener.close();
    const { port } = listener.addr as Deno.NetAddr;
    if (port !== 8000) return port;
  }
}

export async function startAppServer(): Promise<AppServer> {
  const dataDir = await Deno.makeTempDir({ prefix: "nexacrm-browser-" });
  const port = freePort();
  // What a developer types after `PORT=… deno task dev`, and what the links the app sends must point at.
  const origin = `http://localhost:${port}`;
  const env = Deno.env.toObject();
  for (const name of ["DATABASE_URL", "DATABASE_DRIVER", "APP_URL"]) delete env[name];
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "main.ts"],
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
export async function openBrowser(origin: string, opts: { timezoneId?: string } = {}): Promise<BrowserSession> {
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
