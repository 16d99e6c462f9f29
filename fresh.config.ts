/** App configuration: styling (twind theme on the Tailwind preset). */
import type { TwindConfig } from "./lib/fresh/twind.ts";

export const twind: TwindConfig = {
  theme: {
    extend: {
      colors: {
        brand: { 50: "#eef4ff", 100: "#dbe7ff", 500: "#3b6cf6", 600: "#2d55d8", 700: "#2444ad", 900: "#172a66" },
      },
      fontFamily: { sans: ["Inter", "ui-sans-serif", "system-ui", "sans-serif"] },
    },
  },
};
