/** Renders a page through `_app` and its layouts into a complete HTML document. */
import { type ComponentType, h } from "preact";
import { renderToString } from "preact-render-to-string";
import type { IslandAssets } from "./assets.ts";
import { collectIslands, serializeProps } from "./islands.ts";
import type { PageProps, RouteModule } from "./types.ts";

export interface PageRender {
  app?: RouteModule;
  layouts: RouteModule[];
  page: ComponentType<PageProps>;
  props: Omit<PageProps, "Component">;
  nonce: string;
  assets: IslandAssets | null;
  style: (classAttributes: Iterable<string>, extraClasses?: string) => string;
}

export interface RenderedPage {
  html: string;
  /** Island files to preload (`Link: rel=modulepreload`). */
  preload: string[];
}

const STATE_ID = "__FRSH_STATE";

export function renderPage(r: PageRender): RenderedPage {
  const wrappers = [
    ...(r.app ? [r.app] : []),
    ...r.layouts,
  ].map((m) => m.default).filter((c): c is ComponentType<PageProps> => !!c);

  const tree = wrappers.reduceRight<ComponentType<Record<never, never>>>(
    (Inner, Wrapper) => () => h(Wrapper, { ...r.props, Component: Inner }),
    () => h(r.page, { ...r.props, Component: () => null }),
  );
  const { result: body, islands, classes } = collectIslands(() => renderToString(h(tree, {})));

  const names = [...new Set(islands.map((i) => i.name))];
  const assets = r.assets;
  if (islands.length > 0 && !assets) {
    throw new Error("Islands are not built: run `deno task build` (or `deno task dev`).");
  }
  const css = r.style(classes, names.map((n) => assets!.islands[n].classes).join(" "));
  let html = body.startsWith("<html") ? `<!DOCTYPE html>${body}` : body;
  html = insertBefore(html, "</head>", `<style nonce="${r.nonce}">${css}</style>`);

  const preload: string[] = [];
  if (islands.length > 0 && assets) {
    const files = [assets.client, ...names.map((n) => assets.islands[n].file)];
    for (const f of files) preload.push(f, ...(assets.imports[f] ?? []));
    const imports = names.map((n, i) => `import * as $${i} from "${assets.base}${assets.islands[n].file}";`);
    const map = names.map((n, i) => `${JSON.stringify(n)}:$${i}[${JSON.stringify(assets.islands[n].exportName)}]`);
    const script = `<script type="application/json" id="${STATE_ID}">${serializeProps(islands)}</script>` +
      `<script type="module" nonce="${r.nonce}">import{revive}from"${assets.base}${assets.client}";` +
      `${imports.join("")}revive({${map.join(",")}},"${STATE_ID}");</script>`;
    html = insertBefore(html, "</body>", script);
  }
  return { html, preload: [...new Set(preload)].map((f) => `${assets?.base}${f}`) };
}

function insertBefore(html: string, marker: string, insert: string): string {
  const at = html.lastIndexOf(marker);
  return at === -1 ? html + insert : html.slice(0, at) + insert + html.slice(at);
}
