import assert from "node:assert/strict";
import { HttpError } from "@/lib/fresh/errors.ts";
import { createHandler } from "@/lib/fresh/server.ts";
import type { IslandAssets } from "@/lib/fresh/assets.ts";
import type { FreshContext, Manifest, PageProps } from "@/lib/fresh/types.ts";
import { ROOT } from "@/lib/app.ts";
import * as EchoIslands from "../fixtures/islands/Echo.tsx";

const Echo = EchoIslands.default;
const order: string[] = [];
const mw = (name: string) => ({
  handler: async (_req: Request, ctx: FreshContext) => {
    order.push(name);
    ctx.state.trail = [...(ctx.state.trail ?? []), name];
    return await ctx.next();
  },
});
const show = (label: string) => ({ default: ({ params }: PageProps) => <p>{label} {JSON.stringify(params)}</p> });

let staticRenders = 0;

const manifest: Manifest = {
  baseUrl: import.meta.url,
  islands: { "./tests/fixtures/islands/Echo.tsx": EchoIslands },
  routes: {
    "./routes/_app.tsx": {
      default: ({ Component }: PageProps) => (
        <html>
          <head />
          <body>
            <Component />
          </body>
        </html>
      ),
    },
    "./routes/_middleware.ts": mw("root"),
    "./routes/_404.tsx": { default: () => <h1>custom not found</h1> },
    "./routes/_500.tsx": {
      default: ({ data }: PageProps<{ status: number; message: string } | undefined>) => (
        <h1>custom error{data ? ` ${data.status}: ${data.message}` : ""}</h1>
      ),
    },
    "./routes/index.tsx": { default: () => <h1>home</h1> },
    "./routes/static.tsx": {
      config: { static: true },
      default: ({ url }: PageProps) => <p class="text-sky-700">render {++staticRenders} of {url.search}</p>,
    },
    "./routes/items/[id].tsx": show("item"),
    "./routes/items/new.tsx": show("new"),
    "./routes/items/[...rest].tsx": show("rest"),
    "./routes/(marketing)/about.tsx": show("about"),
    "./routes/(marketing)/_layout.tsx": {
      default: ({ Component }: PageProps) => (
        <div class="marketing">
          <Component />
        </div>
      ),
    },
    "./routes/admin/_middleware.ts": mw("admin"),
    "./routes/admin/settings.tsx": {
      handler: { GET: (_req: Request, ctx: FreshContext) => ctx.render({ trail: ctx.state.trail }) },
      default: ({ data }: PageProps<{ trail: string[] }>) => <p>trail:{data.trail.join(">")}</p>,
    },
    "./routes/api/echo.ts": {
      handler: {
        POST: async (req: Request) => Response.json(await req.json()),
        GET: () => Response.json({ ok: true }),
      },
    },
    "./routes/hooks/public.ts": {
      config: { csrf: false },
      handler: { POST: () => new Response("accepted") },
    },
    "./routes/refused.tsx": {
      handler: () => {
        throw new HttpError(402, "Read-only <for now>", { "retry-after": "60" });
      },
    },
    "./routes/boom.tsx": {
      handler: () => {
        throw new Error("secret database password in stack");
      },
    },
    "./routes/island.tsx": {
      default: () => (
        <main>
          <Echo text="</script><script>alert(1)</script>" nested />
          <EchoIslands.Named n={7} />
        </main>
      ),
    },
  },
};

const assets: IslandAssets = {
  base: "/_islands/",
  client: "client-X.js",
  islands: {
    Echo: { file: "Echo-X.js", exportName: "default", classes: "bg-green-700" },
    Echo_Named: { file: "Echo-X.js", exportName: "Named", classes: "bg-green-700" },
    // Built, but on no page here: its classes are styled nowhere.
    Unused: { file: "Unused-X.js", exportName: "default", classes: "bg-purple-700" },
  },
  imports: { "Echo-X.js": ["chunk-P.js"] },
};

const handler = await createHandler(manifest, { root: ROOT, assets: () => assets, onError: () => {} });
const get = (path: string, init?: RequestInit) => handler(new Request(`http://localhost${path}`, init));

Deno.test("routing: static beats [param], which beats [...rest]", async () => {
  assert.match(await (await get("/items/new")).text(), /new \{\}/);
  assert.match(await (await get("/items/42")).text(), /item \{&quot;id&quot;:&quot;42&quot;\}/);
  assert.match(await (await get("/items/a/b/c")).text(), /rest \{&quot;rest&quot;:&quot;a\/b\/c&quot;\}/);
});

Deno.test("routing: (group) folders vanish from the URL but scope their layout", async () => {
  const about = await (await get("/about")).text();
  assert.match(about, /<div class="marketing"><p>about/);
  const item = await (await get("/items/new")).text();
  assert.doesNotMatch(item, /marketing/);
});

Deno.test("middleware: runs root first, then nested, and state reaches the page", async () => {
  order.length = 0;
  const body = await (await get("/admin/settings")).text();
  assert.deepEqual(order, ["root", "admin"]);
  assert.match(body, /trail:root>admin/);
});

Deno.test("methods: HEAD derives from GET, unknown methods get 405 with Allow", async () => {
  const head = await get("/api/echo", { method: "HEAD" });
  assert.equal(head.status, 200);
  assert.equal(await head.text(), "");
  const res = await get("/api/echo", { method: "DELETE" });
  assert.equal(res.status, 405);
  assert.equal(res.headers.get("allow"), "POST, GET, HEAD");
  await res.body?.cancel();
});

Deno.test("404 and 500 render the custom pages and leak nothing", async () => {
  const missing = await get("/nowhere");
  assert.equal(missing.status, 404);
  assert.match(await missing.text(), /custom not found/);
  const boom = await get("/boom");
  assert.equal(boom.status, 500);
  const text = await boom.text();
  assert.match(text, /custom error/);
  assert.doesNotMatch(text, /secret|stack|Error:/);
  assert.doesNotMatch(text, /custom error \d/, "an unexpected error says nothing about itself");
});

Deno.test("a refusal renders the error page with its status and message, or JSON for API clients", async () => {
  const page = await get("/refused");
  assert.equal(page.status, 402);
  assert.equal(page.headers.get("retry-after"), "60");
  assert.match(page.headers.get("content-type")!, /text\/html/);
  assert.match(await page.text(), /custom error 402: Read-only &lt;for now>/);
  const json = await get("/refused", { headers: { accept: "application/json" } });
  assert.equal(json.status, 402);
  assert.deepEqual(await json.json(), { error: "Read-only <for now>" });
});

Deno.test("security headers and nonce are on every response", async () => {
  const res = await get("/");
  const csp = res.headers.get("content-security-policy")!;
  const nonce = csp.match(/'nonce-([^']+)'/)![1];
  assert.match(csp, /frame-ancestors 'none'/);
  assert.equal(res.headers.get("x-content-type-options"), "nosniff");
  assert.ok(res.headers.get("referrer-policy"));
  assert.ok(res.headers.get("strict-transport-security"));
  assert.match(await res.text(), new RegExp(`<style nonce="${nonce}">`));
  const other = await get("/");
  assert.notEqual(other.headers.get("content-security-policy"), csp);
  await other.body?.cancel();
});

Deno.test("static pages render once per URL; each response still gets its own nonce", async () => {
  const nonces = new Set<string>();
  for (const path of ["/static?a", "/static?a", "/static?b", "/static?a"]) {
    const res = await get(path);
    const nonce = res.headers.get("content-security-policy")!.match(/'nonce-([^']+)'/)![1];
    nonces.add(nonce);
    const html = await res.text();
    assert.match(html, new RegExp(`<style nonce="${nonce}">.*\\.text-sky-700\\{`));
    assert.match(html, path.endsWith("a") ? /render 1 of \?a/ : /render 2 of \?b/);
  }
  assert.equal(staticRenders, 2);
  assert.equal(nonces.size, 4);
});

Deno.test("csrf: cross-site state changes are refused, same-origin and opted-out ones pass", async () => {
  const body = JSON.stringify({ a: 1 });
  const cross = await get("/api/echo", { method: "POST", body, headers: { origin: "https://evil.example" } });
  assert.equal(cross.status, 403);
  await cross.body?.cancel();
  const fetchSite = await get("/api/echo", { method: "POST", body, headers: { "sec-fetch-site": "cross-site" } });
  assert.equal(fetchSite.status, 403);
  await fetchSite.body?.cancel();
  const same = await get("/api/echo", { method: "POST", body, headers: { origin: "http://localhost" } });
  assert.deepEqual(await same.json(), { a: 1 });
  const hook = await get("/hooks/public", { method: "POST", headers: { origin: "https://partner.example" } });
  assert.equal(await hook.text(), "accepted");
});

Deno.test("islands: props serialised safely, inner island stays plain, scripts nonce'd and preloaded", async () => {
  const res = await get("/island");
  const html = await res.text();
  assert.equal((html.match(/<fresh-island/g) ?? []).length, 2, "the nested Echo is not a second island");
  assert.doesNotMatch(html, /<\/script><script>alert/);
  const state = html.match(/<script type="application\/json" id="__FRSH_STATE">(.*?)<\/script>/)![1];
  assert.deepEqual(JSON.parse(state), [
    ["Echo", { text: "</script><script>alert(1)</script>", nested: true }],
    ["Echo_Named", { n: 7 }],
  ]);
  const nonce = res.headers.get("content-security-policy")!.match(/'nonce-([^']+)'/)![1];
  assert.match(
    html,
    new RegExp(`<script type="module" nonce="${nonce}">import\\{revive\\}from"/_islands/client-X.js"`),
  );
  assert.match(res.headers.get("link")!, /<\/_islands\/chunk-P.js>; rel="modulepreload"/);
  assert.match(html, /\.bg-green-700\{/, "classes islands may add in the browser are styled");
  assert.doesNotMatch(html, /bg-purple-700/, "only the classes of the page's own islands");
});

Deno.test("pages without islands ship no JavaScript", async () => {
  const html = await (await get("/about")).text();
  assert.doesNotMatch(html, /<script/);
  assert.doesNotMatch(html, /bg-green-700/);
});
