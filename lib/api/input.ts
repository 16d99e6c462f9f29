/**
 * An API request's input: the raw body (JSON only, 1 MiB at most, read before the key is checked so
 * its hash can key idempotency), the query string and path parameters, each parsed with the operation's
 * zod schema into data or a 4xx problem with per-field errors.
 */
import type * as z from "zod";
import { stripNul } from "../fresh/input.ts";
import { ApiProblem, type FieldError } from "./problem.ts";

export const MAX_BODY_BYTES = 1024 * 1024;

/** The body's text; "" when there is none. 413 above the limit, 415 when it is not JSON. */
export async function readBody(req: Request): Promise<string> {
  if (Number(req.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) throw tooLarge();
  const reader = req.body?.getReader();
  if (!reader) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    size += r.value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(r.value);
  }
  const text = new TextDecoder().decode(concat(chunks, size));
  const type = (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (text.trim() && !/^application\/([\w.-]+\+)?json$/.test(type)) {
    throw new ApiProblem("unsupported-media-type", `Send the body as JSON with Content-Type: application/json.`);
  }
  return text;
}

const tooLarge = () => new ApiProblem("payload-too-large", `A body may hold ${MAX_BODY_BYTES / 1024} KiB at most.`);

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

const pointer = (path: PropertyKey[]) => "/" + path.map(String).join("/");

function issues(error: z.ZodError, where: "pointer" | "parameter"): FieldError[] {
  return error.issues.flatMap((i) => {
    // An unknown key is an error on that key, so a typo names itself.
    const keys = i.code === "unrecognized_keys" ? i.keys.map((k) => [...i.path, k]) : [i.path];
    return keys.map((path) => {
      const detail = i.code === "unrecognized_keys" ? "Unknown field" : i.message;
      return where === "pointer" ? { pointer: path.length ? pointer(path) : "", detail } : {
        parameter: path.map(String).join(".") || "(query)",
        detail: i.code === "unrecognized_keys" ? "Unknown parameter" : i.message,
      };
    });
  });
}

/** The JSON body parsed with `schema` (an empty body reads as `{}`); NUL characters dropped from strings. */
export function parseBody<S extends z.ZodType>(text: string, schema: S): z.output<S> {
  let value: unknown = {};
  if (text.trim()) {
    try {
      value = JSON.parse(text, (_k, v) => typeof v === "string" ? stripNul(v) : v);
    } catch (err) {
      throw new ApiProblem("malformed-json", `The body is not valid JSON: ${(err as Error).message}`);
    }
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new ApiProblem("validation-failed", "Some fields are invalid: see errors.", {
      errors: issues(result.error, "pointer"),
    });
  }
  return result.data;
}

/** Query parameters (a repeated one keeps its last value) parsed with `schema`. */
export function parseQuery<S extends z.ZodType>(url: URL, schema: S): z.output<S> {
  const values = Object.fromEntries([...url.searchParams].map(([k, v]) => [stripNul(k), stripNul(v)]));
  const result = schema.safeParse(values);
  if (!result.success) {
    throw new ApiProblem("invalid-parameter", "Some query parameters are invalid: see errors.", {
      errors: issues(result.error, "parameter"),
    });
  }
  return result.data;
}

/** Path parameters: one that does not parse (an id that is no UUID) names nothing, so 404. */
export function parseParams<S extends z.ZodType>(params: Record<string, string>, schema: S): z.output<S> {
  const result = schema.safeParse(params);
  if (!result.success) throw new ApiProblem("not-found", "No such resource.");
  return result.data;
}

/** If-Match as a version: `"3"`, `W/"3"`; null when absent or `*`. 412 for anything else. */
export function ifMatchVersion(req: Request): number | null {
  const header = req.headers.get("if-match")?.trim();
  if (!header || header === "*") return null;
  const m = /^(?:W\/)?"(\d{1,9})"$/.exec(header);
  if (!m) throw new ApiProblem("precondition-failed", 'If-Match takes the ETag a GET answered, such as "3".');
  return Number(m[1]);
}

export const etag = (version: number) => `"${version}"`;
