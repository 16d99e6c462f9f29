/** The dev mailbox's frame: where emails land when Resend is not configured. */
import type { ComponentChildren } from "preact";
import { SiteHeader } from "./SiteHeader.tsx";

export function MailboxFrame({ children }: { children: ComponentChildren }) {
  return (
    <>
      <SiteHeader />
      <main class="mx-auto max-w-3xl px-6 py-10">
        <h1 class="text-2xl font-semibold">
          <a href="/dev/mailbox">Dev mailbox</a>
        </h1>
        <p class="mt-1 mb-6 text-sm text-slate-600">
          Email is not sent from this environment (no <code>RESEND_API_KEY</code>); every message lands here.
        </p>
        {children}
      </main>
    </>
  );
}

const URL_PATTERN = /(https?:\/\/[^\s<>"]+)/g;

/** Plain-text email body with its links made clickable. */
export function LinkedText({ text }: { text: string }) {
  return (
    <pre class="whitespace-pre-wrap break-words font-sans text-sm">
      {text.split(URL_PATTERN).map((part, i) =>
        i % 2 === 1 ? <a key={i} href={part} class="text-brand-600 underline">{part}</a> : part
      )}
    </pre>
  );
}
