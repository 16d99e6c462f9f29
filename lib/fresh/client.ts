/** Browser side of islands: renders each island into its marker with the props the server recorded. */
import { type ComponentType, h, hydrate } from "preact";

type State = [name: string, props: Record<string, unknown>][];

function hasSignals(value: unknown): boolean {
  return JSON.stringify(value).includes('"__signal"');
}

export async function revive(islands: Record<string, ComponentType>, stateId: string) {
  const el = document.getElementById(stateId);
  const state: State = el ? JSON.parse(el.textContent ?? "[]") : [];
  // Signals cost a chunk only on pages whose props carry them.
  const signal = hasSignals(state) ? (await import("@preact/signals")).signal : null;
  const revive = (_key: string, value: unknown) =>
    signal && value && typeof value === "object" && "__signal" in value
      ? signal((value as { __signal: unknown }).__signal)
      : value;
  const markers = document.querySelectorAll<HTMLElement>("fresh-island[data-island]");
  for (const marker of markers) {
    const [name, rawProps] = state[Number(marker.dataset.island)] ?? [];
    const Island = name ? islands[name] : undefined;
    if (!Island) continue;
    const props = signal ? JSON.parse(JSON.stringify(rawProps), revive) : rawProps;
    hydrate(h(Island, props), marker);
  }
}
