/** The origin of absolute links the app shows on a page (a hosted form's address, embed code). */
import { services } from "../data/services.ts";

/**
 * In production, the configured public origin (behind a proxy a request's own URL is the internal
 * one); elsewhere the origin the request came in on, which is where this server answers.
 */
export function linkOrigin(requestUrl: URL): string {
  const { config } = services();
  return config.DENO_ENV === "production" ? new URL(config.APP_URL).origin : requestUrl.origin;
}
