/**
 * The public web-to-lead form of an org: a hosted page and an HTML snippet to paste into any site.
 * Spam defences: a honeypot field people never see, and a rate limit per IP address.
 */
import type { Rule } from "../ratelimit/mod.ts";
import { services } from "../data/services.ts";

/** Hidden from people (and from assistive technology); bots that fill every field fill it. */
export const HONEYPOT = "website";
export const WEB_FORM_RULE: Rule = { requests: 5, windowSeconds: 60 };

export async function webFormOrg(slug: string) {
  return await services().db.selectFrom("orgs").select(["id", "name", "slug"])
    .where("slug", "=", slug.toLowerCase()).executeTakeFirst() ?? null;
}

/** The hosted form's address on `origin` (see `linkOrigin`). */
export function webFormUrl(slug: string, origin: string): string {
  return new URL(`/f/${encodeURIComponent(slug)}`, origin).toString();
}

/** A plain HTML form posting to the org's endpoint on `origin`: works on any page, without our JavaScript. */
export function embedSnippet(slug: string, origin: string): string {
  const field = (name: string, label: string, type = "text", required = false) =>
    `  <p><label>${label}<br><input name="${name}" type="${type}"${required ? " required" : ""}></label></p>`;
  return [
    `<form action="${webFormUrl(slug, origin)}" method="post">`,
    field("name", "Name", "text", true),
    field("email", "Email", "email", true),
    field("phone", "Phone", "tel"),
    field("company_name", "Company"),
    `  <p><label>Message<br><textarea name="message" rows="4"></textarea></label></p>`,
    `  <div style="position:absolute;left:-10000px" aria-hidden="true">` +
    `<input name="${HONEYPOT}" tabindex="-1" autocomplete="off"></div>`,
    `  <p><button type="submit">Send</button></p>`,
    `</form>`,
  ].join("\n");
}
