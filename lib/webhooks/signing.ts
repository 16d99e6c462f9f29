/** Standard Webhooks signatures, made by the `standardwebhooks` package (the spec's reference implementation). */
import { Webhook } from "standardwebhooks";

/** `whsec_` and 32 random bytes in base64, as the spec's libraries expect. */
export function newSecret(): string {
  return `whsec_${btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))))}`;
}

/**
 * The three headers of one attempt. With two secrets (for 24 hours after a rotation) the signature header
 * carries both signatures, space-separated, so receivers still on the old secret keep verifying.
 */
export function signedHeaders(id: string, sentAt: Date, body: string, secrets: string[]): Record<string, string> {
  const signatures = secrets.map((s) => new Webhook(s).sign(id, sentAt, body));
  return {
    "webhook-id": id,
    "webhook-timestamp": String(Math.floor(sentAt.getTime() / 1000)),
    "webhook-signature": signatures.join(" "),
  };
}
