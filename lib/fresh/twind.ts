/** Server-side twind: only the CSS a page uses, plus the classes islands may add in the browser. */
import { consume, defineConfig, stringify, twind, virtual } from "@twind/core";
import presetTailwind from "@twind/preset-tailwind";

/** Theme extensions and rules added to the Tailwind preset (see fresh.config.ts). */
export type TwindConfig = Omit<Parameters<typeof defineConfig>[0], "presets">;

export function createStyler(config: TwindConfig = {}) {
  const tw = twind(
    defineConfig(
      {
        ...config,
        presets: [presetTailwind()],
        preflight: { "fresh-island": { display: "contents" } },
      } as Parameters<typeof defineConfig>[0],
    ),
    virtual(),
  );
  return (html: string, extraClasses = ""): { html: string; css: string } => {
    tw.clear();
    const out = consume(html, tw);
    if (extraClasses) tw(extraClasses);
    return { html: out, css: stringify(tw.target) };
  };
}
