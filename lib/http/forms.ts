/**
 * Form and JSON input: parsed with a zod schema into data, or into per-field messages to show
 * beside the fields (never a 500, never partial data).
 */
import * as z from "zod";
import { HttpError } from "../fresh/errors.ts";
import { stripNul } from "../fresh/input.ts";

export type FieldErrors = Record<string, string>;
export type FormValues = Record<string, string>;
export type FormResult<T> =
  | { ok: true; data: T; values: FormValues }
  | { ok: false; errors: FieldErrors; values: FormValues };

/** Bodies above this are refused outright (413); below it, oversized fields get field errors. */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

async function readBody(req: Request): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > MAX_BODY_BYTES) throw new HttpError(413, "Request body too large");
  const text = await req.text();
  if (text.length > MAX_BODY_BYTES) throw new HttpError(413, "Request body too large");
  return text;
}

export function fieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_form";
    errors[key] ??= issue.message;
  }
  return errors;
}

/**
 * Reads an urlencoded or multipart form; repeated keys keep the last value, files are ignored,
 * NUL characters are dropped.
 */
export async function readForm(req: Request): Promise<FormValues> {
  const type = req.headers.get("content-type") ?? "";
  const values: FormValues = {};
  if (type.includes("multipart/form-data")) {
    const form = await req.formData().catch(() => {
      throw new HttpError(400, "Malformed form data");
    });
    for (const [k, v] of form) if (typeof v === "string") values[k] = stripNul(v);
    return values;
  }
  for (const [k, v] of new URLSearchParams(await readBody(req))) values[k] = stripNul(v);
  return values;
}

export async function parseForm<S extends z.ZodType>(req: Request, schema: S): Promise<FormResult<z.infer<S>>> {
  return validate(schema, await readForm(req));
}

/** The values a re-rendered form shows again: any above 2,000 characters left out (never echo a 10 MB value). */
export function echoValues(values: FormValues): FormValues {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.length > 2000 ? "" : v]));
}

export function validate<S extends z.ZodType>(schema: S, values: FormValues): FormResult<z.infer<S>> {
  const result = schema.safeParse(values);
  // Echo values back into the form, but never a huge one.
  const echo = echoValues(values);
  if (!result.success) return { ok: false, errors: fieldErrors(result.error), values: echo };
  return { ok: true, data: result.data, values: echo };
}

/** JSON bodies for the API: 400 for unparseable JSON, 422 with field messages for invalid data. */
export async function parseJson<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  let body: unknown;
  try {
    body = JSON.parse(await readBody(req), (_k, v) => typeof v === "string" ? stripNul(v) : v);
  } catch (err) {
    if (err instanceof HttpError) throw err;
    throw new HttpError(400, "Body must be valid JSON");
  }
  const result = schema.safeParse(body);
  if (!result.success) throw new ValidationError(fieldErrors(result.error));
  return result.data;
}

export class ValidationError extends HttpError {
  constructor(readonly fields: FieldErrors) {
    super(422, "Validation failed");
  }
}

/** Common field shapes: trimmed text with a length cap, optional text that turns "" into null. */
export const text = (max = 200) => z.string().trim().min(1, "Required").max(max, `At most ${max} characters`);
export const optionalText = (max = 200) =>
  z.string().trim().max(max, `At most ${max} characters`).transform((v) => v === "" ? null : v).optional()
    .transform((v) => v ?? null);
export const email = () =>
  z.string().trim().max(254, "At most 254 characters").pipe(z.email("Enter a valid email address"))
    .transform((v) => v.toLowerCase());
