/**
 * Server side of islands: marks each island's output with a `<fresh-island>` element (styled
 * `display: contents`, so it does not disturb layout) and records its props for hydration.
 * An island rendered inside another island is a plain component. The same pass collects the
 * class attributes the page uses, for twind.
 */
import { type ComponentType, h, type Options, options, type VNode } from "preact";
import type { IslandModule } from "./types.ts";

export interface IslandInfo {
  /** Stable name: file stem, plus `_Export` for named exports. */
  name: string;
  file: string;
  exportName: string;
}

export interface RenderedIsland {
  name: string;
  props: Record<string, unknown>;
}

// deno-lint-ignore no-explicit-any
type AnyComponent = ComponentType<any>;

const registry = new Map<AnyComponent, IslandInfo>();

export function registerIslands(islands: Record<string, IslandModule>): IslandInfo[] {
  const infos: IslandInfo[] = [];
  for (const [file, mod] of Object.entries(islands)) {
    const stem = file.replace(/^.*\//, "").replace(/\.(tsx|ts|jsx|js)$/, "");
    for (const [exportName, value] of Object.entries(mod)) {
      if (typeof value !== "function") continue;
      const name = exportName === "default" ? stem : `${stem}_${exportName}`;
      const info = { name, file, exportName };
      registry.set(value as AnyComponent, info);
      infos.push(info);
    }
  }
  return infos;
}

/**
 * What the render in progress outputs besides HTML (rendering is synchronous, so one slot is
 * enough): its islands, and the class attributes of its elements, which twind then styles
 * (cheaper than scanning the finished HTML for them).
 */
let current: { islands: RenderedIsland[]; classes: Set<string>; depth: number } | null = null;
/** Set while creating the island's own vnode inside its marker, so it is not wrapped twice. */
let wrapping = false;

export function collectIslands<T>(
  render: () => T,
): { result: T; islands: RenderedIsland[]; classes: Set<string> } {
  const previous = current;
  const collected = current = { islands: [], classes: new Set<string>(), depth: 0 };
  try {
    return { result: render(), islands: collected.islands, classes: collected.classes };
  } finally {
    current = previous;
  }
}

const originalVnode = options.vnode;
options.vnode = (vnode: VNode) => {
  const info = current && current.depth === 0 ? registry.get(vnode.type as AnyComponent) : undefined;
  if (info && current && !wrapping) {
    const props = { ...(vnode.props as Record<string, unknown>) };
    delete props.children;
    const id = current.islands.length;
    current.islands.push({ name: info.name, props });
    wrapping = true;
    const inner = h(vnode.type as AnyComponent, props);
    wrapping = false;
    // Turn this vnode into the marker element that wraps the island's own render.
    vnode.type = "fresh-island";
    vnode.props = { "data-island": String(id), children: inner } as typeof vnode.props;
  }
  originalVnode?.(vnode);
};

/** Preact's options with the internal hook used here, under its mangled name (typed as Fresh types it). */
interface InternalOptions extends Options {
  /** "Before diff": preact-render-to-string calls it for every vnode it renders. */
  __b?(vnode: VNode): void;
}
const internal: InternalOptions = options;

// Track depth so islands rendered by another island stay plain components, and collect classes.
const originalDiff = internal.__b;
const originalDiffed = options.diffed;
internal.__b = (vnode: VNode) => {
  if (current && typeof vnode.type === "string") {
    if (vnode.type === "fresh-island") current.depth++;
    const value = (vnode.props as { class?: unknown }).class;
    if (typeof value === "string" && value) current.classes.add(value);
  }
  originalDiff?.(vnode);
};
options.diffed = (vnode: VNode) => {
  if (current && vnode.type === "fresh-island") current.depth--;
  originalDiffed?.(vnode);
};

/** JSON for a `<script type="application/json">`: `<` is escaped so `</script>` cannot close it. */
export function serializeProps(islands: RenderedIsland[]): string {
  return JSON.stringify(islands.map((i) => [i.name, i.props]), (_key, value) => {
    if (value && typeof value === "object" && "peek" in value && "value" in value) {
      return { "__signal": (value as { peek(): unknown }).peek() };
    }
    return value;
  }).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}
