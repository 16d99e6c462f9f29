/**
 * Cleaning shared by every input source (path, query string, form and JSON bodies): a malformed
 * path is a 400, and NUL, which Postgres text cannot hold and no browser sends in a value, is dropped.
 */
import { HttpError } from "./errors.ts";

// deno-lint-ignore no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

export const stripNul = (v: string): string => v.includes("\u0000") ? v.replaceAll("\u0000", "") : v;

/** The percent-decoded path; a 400 for a malformed escape or a control character. */
export function decodePath(pathname: string): string {
  let path: string;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    throw new HttpError(400, "This address is malformed");
  }
  if (CONTROL.test(path)) throw new HttpError(400, "This address is malformed");
  return path;
}

/** The request URL with NUL dropped from query parameter names and values. */
export function cleanUrl(raw: string): URL {
  const url = new URL(raw);
  if (!/%00/.test(url.search)) return url;
  url.search = new URLSearchParams([...url.searchParams].map(([k, v]) => [stripNul(k), stripNul(v)])).toString();
  return url;
}
