/**
 * The API's guide and reference: a hand-written getting started (a key, a first request, pages,
 * idempotency, errors, limits), then the OpenAPI document rendered by RapiDoc, whose script loads here only.
 */
import { SiteHeader } from "@/components/SiteHeader.tsx";
import { ApiGuide } from "@/components/docs/ApiGuide.tsx";
import { contentSecurityPolicy } from "@/lib/fresh/security.ts";
import type { Handlers, PageProps } from "@/lib/fresh/types.ts";
import { linkOrigin } from "@/lib/http/origin.ts";

declare module "preact" {
  namespace JSX {
    interface IntrinsicElements {
      /** RapiDoc's web component. */
      "rapi-doc": HTMLAttributes<HTMLElement> & Record<string, string>;
    }
  }
}

interface Data {
  origin: string;
  nonce: string;
}

export const handler: Handlers<Data> = {
  async GET(_req, ctx) {
    const res = await ctx.render({ origin: linkOrigin(ctx.url), nonce: ctx.nonce });
    // RapiDoc styles its shadow DOM with <style> elements and style attributes it makes at run time: allowed on
    // this page only, which shows no data of anyone's (scripts stay bound to the nonce).
    const styles = ["style-src-elem 'self' 'unsafe-inline'", "style-src-attr 'unsafe-inline'"];
    res.headers.set("content-security-policy", contentSecurityPolicy(ctx.nonce, styles));
    return res;
  },
};

export default function ApiDocs({ data }: PageProps<Data>) {
  return (
    <>
      <SiteHeader />
      <main class="mx-auto max-w-4xl px-4 py-10 sm:px-6">
        <ApiGuide origin={data.origin} />
        <section aria-labelledby="reference" class="mt-12">
          <h2 id="reference" class="text-2xl font-semibold tracking-tight">Reference</h2>
          <p class="mt-2 text-sm text-slate-600">
            Every operation with its parameters, bodies, answers and examples; also as{" "}
            <a href="/api/v1/openapi.json" class="underline">OpenAPI 3.1 JSON</a> for code generators and tools.
          </p>
          <rapi-doc
            spec-url="/api/v1/openapi.json"
            render-style="view"
            layout="column"
            show-header="false"
            show-info="false"
            allow-authentication="false"
            allow-try="false"
            allow-server-selection="false"
            theme="light"
            primary-color="#4f46e5"
            schema-style="table"
            regular-font="system-ui, sans-serif"
            mono-font="ui-monospace, monospace"
            class="mt-4 block min-h-[40rem] rounded-lg border border-slate-200"
          >
          </rapi-doc>
          <noscript>
            <p class="mt-4 text-sm">The interactive reference needs JavaScript; the OpenAPI JSON above has it all.</p>
          </noscript>
        </section>
      </main>
      <script type="module" src="/docs/rapidoc.js" nonce={data.nonce}></script>
    </>
  );
}
