/** Random tokens (128 bits, base64url) and the SHA-256 digests stored in their place. */
import { encodeBase64Url } from "../fresh/base64url.ts";

export function newToken(bytes = 16): string {
  return encodeBase64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

export async function hashToken(token: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token));
  return encodeBase64Url(new Uint8Array(digest));
}
