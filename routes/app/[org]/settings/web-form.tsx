/** The org's public web-to-lead form: its hosted link and the HTML to embed it, with a copy button. */
import { PageHeader, Panel } from "@/components/AuthPanels.tsx";
import CopyButton from "@/islands/CopyButton.tsx";
import type { AuthContext } from "@/lib/auth/guard.ts";
import type { Handlers, PageProps } from "@/lib/fresh/types.ts";
import { linkOrigin } from "@/lib/http/origin.ts";
import { embedSnippet, webFormUrl } from "@/lib/records/web_form.ts";

type Data = { url: string; snippet: string };
type State = { auth: AuthContext };

export const handler: Handlers<Data, State> = {
  GET(_req, ctx) {
    const { slug } = ctx.state.auth.org;
    const origin = linkOrigin(ctx.url);
    return ctx.render({ url: webFormUrl(slug, origin), snippet: embedSnippet(slug, origin) });
  },
};

export default function WebFormSettings({ data }: PageProps<Data, State>) {
  return (
    <div class="max-w-2xl">
      <PageHeader
        title="Web form"
        intro="Collect leads from your website: people who send this form land in the leads inbox as new leads."
      />
      <Panel title="Hosted form" description="A page of its own: link to it from your site, emails or ads.">
        <p class="break-all text-sm">
          <a href={data.url} class="text-brand-700 underline">{data.url}</a>
        </p>
      </Panel>
      <Panel
        title="Embed it in your site"
        description="Paste this HTML into any page of your site; it needs no JavaScript."
      >
        <label for="embed-snippet" class="block text-sm font-medium text-slate-700">Embed code</label>
        <textarea
          id="embed-snippet"
          readOnly
          rows={12}
          class="mt-1 mb-3 block w-full rounded-md border border-slate-300 bg-slate-50 p-3 font-mono text-xs"
        >
          {data.snippet}
        </textarea>
        <CopyButton target="embed-snippet" label="Copy embed code" />
        <p class="mt-3 text-sm text-slate-600">
          Spam protection is built in: a hidden field bots fill in, and a limit on submissions per visitor.
        </p>
      </Panel>
    </div>
  );
}
