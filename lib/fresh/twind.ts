/** Server-side twind: only the CSS a page uses, plus the classes islands may add in the browser. */
import { defineConfig, stringify, twind, virtual } from "@twind/core";
import presetTailwind from "@twind/preset-tailwind";

/** Theme extensions and rules added to the Tailwind preset (see fresh.config.ts). */
export type TwindConfig = Omit<Parameters<typeof defineConfig>[0], "presets">;

const CACHE_SIZE = 500;

/**
 * `<details data-fold>`: a menu or filter bar that folds behind its summary on a phone and is always open from the md
 * breakpoint (768 px) up, from one markup and without JavaScript. Where a browser cannot style `::details-content`,
 * its summary stays, so the content is one click away rather than lost.
 */
const FOLD = {
  "@media (min-width: 768px)": {
    "@supports selector(::details-content)": {
      "details[data-fold]::details-content": { "content-visibility": "visible", display: "contents" },
      "details[data-fold] > summary": { display: "none" },
    },
  },
};

/** Returns a function from a page's class attributes (and the classes its islands may add) to its CSS. */
export function createStyler(config: TwindConfig = {}) {
  const tw = twind(
    defineConfig(
      {
        ...config,
        presets: [presetTailwind()],
        preflight: { "fresh-island": { display: "contents" }, ...FOLD },
      } as Parameters<typeof defineConfig>[0],
    ),
    virtual(),
  );
  // Pages of one kind use the same classes whatever their data, so their CSS is generated once
  // per set of classes (a board's hundreds of cards share a few dozen).
  const cache = new Map<string, string>();
  return (classAttributes: Iterable<string>, extraClasses = ""): string => {
    const classes = new Set(extraClasses.split(/\s+/));
    for (const value of classAttributes) for (const c of value.split(/\s+/)) classes.add(c);
    classes.delete("");
    const key = [...classes].sort().join(" ");
    let css = cache.get(key);
    if (css === undefined) {
      tw.clear();
      tw(key);
      css = stringify(tw.target);
      if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
      cache.set(key, css);
    }
    return css;
  };
}
