/**
 * Pages marked `config.static`: rendered once per URL and kept in memory (one per URL: query
 * strings make new ones, the oldest goes first), with a stand-in nonce each response swaps for its own.
 */
import type { RenderedPage } from "./render.ts";
import { newNonce } from "./security.ts";

/** Random, so page content cannot contain it by chance. */
const STATIC_NONCE = newNonce();
const STATIC_PAGES = 200;

/** `render(nonce)` draws a page; the cache answers the page at `key` (null: not kept) with `nonce` in it. */
export type PageCache = (
  key: string | null,
  nonce: string,
  render: (nonce: string) => Promise<RenderedPage>,
) => Promise<RenderedPage>;

export function staticPageCache(): PageCache {
  const pages = new Map<string, RenderedPage>();
  return async (key, nonce, render) => {
    if (key === null) return await render(nonce);
    let page = pages.get(key);
    if (!page) {
      page = await render(STATIC_NONCE);
      if (pages.size >= STATIC_PAGES) pages.delete(pages.keys().next().value!);
      pages.set(key, page);
    }
    return { ...page, html: page.html.replaceAll(STATIC_NONCE, nonce) };
  };
}
