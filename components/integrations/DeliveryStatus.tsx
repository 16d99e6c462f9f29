/** A webhook delivery's status as a coloured word (the word carries the meaning, the colour repeats it). */
import type { WebhookDeliveryStatus } from "@/db/schema.ts";

const STYLE: Record<WebhookDeliveryStatus, string> = {
  pending: "bg-amber-50 text-amber-800",
  succeeded: "bg-green-50 text-green-800",
  failed: "bg-red-50 text-red-800",
};

export function DeliveryStatus({ status }: { status: WebhookDeliveryStatus }) {
  return <span class={`rounded px-2 py-0.5 text-xs font-medium ${STYLE[status]}`}>{status}</span>;
}
