/**
 * One outgoing POST, as webhooks and Slack make it: the destination checked first (ssrf.ts), a 10 s limit on
 * the whole exchange, redirects not followed (a 3xx is a failure), at most the first 4 KB of the answer kept.
 * Never throws: a refusal, a timeout or a network error is an outcome like a status.
 */
import { services } from "../data/services.ts";
import { checkDestination, DestinationRefused } from "./ssrf.ts";

export const TIMEOUT_MS = 10_000;
export const RESPONSE_KEPT_BYTES = 4096;

export interface SendOutcome {
  /** Null when no answer came. */
  status: number | null;
  body: string;
  error: string | null;
  durationMs: number;
}

export const succeeded = (o: SendOutcome) => o.status !== null && o.status >= 200 && o.status < 300;

async function firstBytes(res: Response): Promise<string> {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const kept = new Uint8Array(RESPONSE_KEPT_BYTES);
  let length = 0;
  while (length < RESPONSE_KEPT_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    const part = value.subarray(0, RESPONSE_KEPT_BYTES - length);
    kept.set(part, length);
    length += part.length;
  }
  await reader.cancel().catch(() => {});
  return new TextDecoder().decode(kept.subarray(0, length));
}

export async function postJson(url: string, headers: Record<string, string>, body: string): Promise<SendOutcome> {
  const started = performance.now();
  const took = () => Math.round(performance.now() - started);
  try {
    await checkDestination(url, { production: services().config.DENO_ENV === "production" });
    const res = await fetch(url, {
      method: "POST",
      headers,
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const text = await firstBytes(res);
    return { status: res.status, body: text, error: null, durationMs: took() };
  } catch (err) {
    const error = err instanceof DestinationRefused
      ? `Not sent: ${err.message}`
      : err instanceof DOMException && err.name === "TimeoutError"
      ? `No answer within ${TIMEOUT_MS / 1000} s`
      : `Request failed: ${err instanceof Error ? err.message : String(err)}`;
    return { status: null, body: "", error: error.slice(0, 1000), durationMs: took() };
  }
}
