/**
 * Keyboard focus on the board's cards: given back to a card re-rendered elsewhere (`focusId`), and
 * whether a card has keyboard focus, which shows the key hint.
 */
import { type RefObject } from "preact";
import { useLayoutEffect, useState } from "preact/hooks";

export function useCardFocus(root: RefObject<HTMLElement>, focusId: { current: string | null }) {
  const [focused, setFocused] = useState(false);

  /** The keys are shown while a card has keyboard focus (a removed card loses focus without a blur). */
  const showHint = () => setFocused(!!root.current?.querySelector("li[data-id]:focus-visible"));

  // After a keyboard move the card is a new element in another column: give it focus back before
  // the next key arrives (a layout effect runs right after the render, not after the next paint).
  useLayoutEffect(() => {
    if (focusId.current) root.current?.querySelector<HTMLElement>(`li[data-id="${focusId.current}"]`)?.focus();
    focusId.current = null;
    showHint();
  });

  return { focused, showHint };
}
