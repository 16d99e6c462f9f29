/** API keys and requests for the API tests: a key made through the lib (as the settings page does), and JSON calls. */
import type { ApiScope } from "@/db/schema.ts";
import { createApiKey } from "@/lib/api/keys.ts";
import { withOrg } from "@/lib/data/scope.ts";
import type { TestApp } from "./app.ts";

export interface ApiCall {
  status: number;
  headers: Headers;
  // deno-lint-ignore no-explicit-any
  body: any;
}

/** A key of `orgId` acting as `userId` (an admin or owner there). */
export async function apiKey(
  orgId: string,
  userId: string,
  opts: { scope?: ApiScope; expires?: "never" | "30"; role?: "OWNER" | "ADMIN" } = {},
): Promise<string> {
  const { token } = await withOrg(
    { orgId, userId },
    (q) =>
      createApiKey(q, { id: userId, role: opts.role ?? "OWNER", ip: "127.0.0.1" }, {
        name: "Test key",
        scope: opts.scope ?? "write",
        expires: opts.expires ?? "never",
      }),
  );
  return token;
}

/** A client of the API with one key; `body` is sent as JSON, answers are parsed. */
export function apiClient(app: TestApp, token: string) {
  const call = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiCall> => {
    const h = new Headers({ authorization: `Bearer ${token}`, ...headers });
    if (body !== undefined && !h.has("content-type")) h.set("content-type", "application/json");
    const res = await app.fetch(`/api/v1${path}`, {
      method,
      headers: h,
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch { /* not JSON: kept as text */ }
    return { status: res.status, headers: res.headers, body: parsed };
  };
  return {
    call,
    get: (path: string, headers?: Record<string, string>) => call("GET", path, undefined, headers),
    post: (path: string, body?: unknown, headers?: Record<string, string>) => call("POST", path, body ?? {}, headers),
    patch: (path: string, body: unknown, headers?: Record<string, string>) => call("PATCH", path, body, headers),
    delete: (path: string, headers?: Record<string, string>) => call("DELETE", path, undefined, headers),
  };
}

export type ApiClient = ReturnType<typeof apiClient>;
