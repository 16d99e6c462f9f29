/**
 * Copies the text of a field (by id) to the clipboard and says so. Shown once hydrated: without
 * JavaScript the field stays as readable, selectable text.
 */
import { useEffect, useState } from "preact/hooks";

export default function CopyButton({ target, label }: { target: string; label: string }) {
  const [ready, setReady] = useState(false);
  const [status, setStatus] = useState("");
  useEffect(() => setReady(true), []);
  if (!ready) return null;
  const copy = async () => {
    const field = document.getElementById(target) as HTMLTextAreaElement | HTMLInputElement | null;
    try {
      await navigator.clipboard.writeText(field?.value ?? "");
      setStatus("Copied to the clipboard.");
    } catch {
      field?.select();
      setStatus("Could not copy: the text is selected, press Ctrl+C (⌘C on a Mac).");
    }
  };
  return (
    <p class="flex flex-wrap items-center gap-3">
      <button
        type="button"
        onClick={copy}
        class="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50"
      >
        {label}
      </button>
      <span role="status" class="text-sm text-slate-700">{status}</span>
    </p>
  );
}
