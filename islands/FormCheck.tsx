/**
 * Checks the form it is placed in with the server's own schema before the form is sent: a field's
 * message appears beside it when the field is left, and a submit with wrong fields is held back
 * with the focus on the first one. Without JavaScript the server's answer shows the same messages.
 * The schemas (zod) load when the form is first focused, so a page that is only read pays nothing.
 */
import { useEffect, useRef } from "preact/hooks";
import type { CheckedForm } from "@/lib/form_check/form_check.ts";

type Checker = typeof import("@/lib/form_check/form_check.ts");
let checker: Checker | null = null;
let loading: Promise<Checker> | null = null;
const loadChecker = () => loading ??= import("@/lib/form_check/form_check.ts").then((m) => checker = m);

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

// The classes components/Form.tsx gives a field and its message, so both look the same.
const WRONG = "border-red-500";
const RIGHT = "border-slate-300";
const MESSAGE = "mt-1 text-sm text-red-600";

function controlsOf(form: HTMLFormElement): Control[] {
  return [...form.elements].filter((el): el is Control =>
    (el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement) &&
    el.name !== "" && el.type !== "hidden" && el.type !== "submit"
  );
}

/** Shows `message` beside `control` (as the server renders it), or clears it. */
function mark(control: Control, message: string | undefined) {
  const id = `${control.id || control.name}-error`;
  let note = document.getElementById(id);
  const hint = document.getElementById(`${control.id}-hint`);
  if (message) {
    if (!note) {
      note = document.createElement("p");
      note.id = id;
      note.className = MESSAGE;
      control.parentElement?.append(note);
    }
    note.textContent = message;
    control.setAttribute("aria-invalid", "true");
    control.setAttribute("aria-describedby", id);
  } else {
    note?.remove();
    control.removeAttribute("aria-invalid");
    if (hint) control.setAttribute("aria-describedby", hint.id);
    else control.removeAttribute("aria-describedby");
  }
  // As the server renders it: the message takes the hint's place.
  if (hint) hint.hidden = Boolean(message);
  if (control.classList.contains(WRONG) || control.classList.contains(RIGHT)) {
    control.classList.toggle(WRONG, Boolean(message));
    control.classList.toggle(RIGHT, !message);
  }
}

export default function FormCheck({ form: name, currency }: { form: CheckedForm; currency: string }) {
  const marker = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const form = marker.current?.closest("form");
    if (!form) return;
    // The messages beside the fields replace the browser's own bubbles.
    form.noValidate = true;
    let submitted = false;
    const check = ({ formErrors }: Checker, which: (c: Control) => boolean) => {
      const values = Object.fromEntries(
        [...new FormData(form)].filter((entry): entry is [string, string] => typeof entry[1] === "string"),
      );
      const errors = formErrors(name, values, currency);
      for (const control of controlsOf(form)) if (which(control)) mark(control, errors[control.name]);
      return errors;
    };
    const onSubmit = (event: SubmitEvent) => {
      submitted = true;
      if (!checker) {
        // Sent before the schemas arrived: hold it until they have.
        event.preventDefault();
        loadChecker().then(() => form.requestSubmit(event.submitter as HTMLElement | null), () => form.submit());
        return;
      }
      const errors = check(checker, () => true);
      const first = controlsOf(form).find((c) => errors[c.name]);
      if (!first) return;
      event.preventDefault();
      first.focus();
    };
    const onLeave = (event: FocusEvent) => {
      const left = event.target as Control;
      if (left.name && (submitted || left.value !== "")) loadChecker().then((m) => check(m, (c) => c === left));
    };
    // Once a message shows, it goes as soon as the field (or the one it depends on) is right.
    const onInput = (event: Event) =>
      checker && check(checker, (c) => c === event.target && submitted || c.hasAttribute("aria-invalid"));
    const onFocus = () => void loadChecker();
    form.addEventListener("submit", onSubmit);
    form.addEventListener("focusin", onFocus);
    form.addEventListener("focusout", onLeave);
    form.addEventListener("input", onInput);
    return () => {
      form.removeEventListener("submit", onSubmit);
      form.removeEventListener("focusin", onFocus);
      form.removeEventListener("focusout", onLeave);
      form.removeEventListener("input", onInput);
    };
  }, [name, currency]);
  return <span ref={marker} hidden />;
}
