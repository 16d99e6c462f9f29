/**
 * The class attributes of the elements a server render outputs, collected as preact renders them
 * (cheaper than scanning the finished HTML): twind then styles exactly these.
 */
import { options, type VNode } from "preact";

/** The render in progress (rendering is synchronous, so one slot is enough). */
let current: Set<string> | null = null;

export function collectClasses<T>(render: () => T): { result: T; classes: Set<string> } {
  const previous = current;
  const classes = current = new Set<string>();
  try {
    return { result: render(), classes };
  } finally {
    current = previous;
  }
}

// `__b` is preact's "before diff" hook, which preact-render-to-string calls for every vnode it renders.
// deno-lint-ignore no-explicit-any
const hooks = options as any;
const originalDiff = hooks.__b;
hooks.__b = (vnode: VNode) => {
  if (current && typeof vnode.type === "string") {
    const value = (vnode.props as { class?: unknown }).class;
    if (typeof value === "string" && value) current.add(value);
  }
  originalDiff?.(vnode);
};
