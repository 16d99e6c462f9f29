/** Where leads come from on their own: the org's hosted form and the snippet to embed it. */
export function WebFormCard({ url, snippet }: { url: string; snippet: string }) {
  return (
    <details class="mt-8 rounded-lg border border-slate-200 bg-white shadow-sm">
      <summary class="cursor-pointer px-4 py-3 text-sm font-semibold text-slate-800">
        Web-to-lead form: collect leads from your website
      </summary>
      <div class="space-y-3 border-t border-slate-100 p-4 text-sm text-slate-700">
        <p>
          Leads sent through this form land in the inbox as new. Share the{" "}
          <a href={url} class="text-brand-700 underline">hosted form</a>, or paste this HTML into any page of your site:
        </p>
        <label for="embed-snippet" class="block text-xs font-medium text-slate-600">Embed code</label>
        <textarea
          id="embed-snippet"
          readOnly
          rows={12}
          class="block w-full rounded-md border border-slate-300 bg-slate-50 p-3 font-mono text-xs"
        >
          {snippet}
        </textarea>
        <p class="text-xs text-slate-500">
          Spam protection is built in: a hidden field bots fill in, and a limit on submissions per visitor.
        </p>
      </div>
    </details>
  );
}
