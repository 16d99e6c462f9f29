/**
 * `Idempotency-Key` on POST and PATCH: the first request with a key claims it (committed before the work
 * starts, so a concurrent one sees it), and its response is stored for 24 hours. The same key with the same
 * request replays that response (`Idempotent-Replayed: true`); with another request it is a 422; while the
 * first still runs, a 409. A request that fails with a 5xx releases its key, so a retry runs afresh.
 */
import { sql } from "kysely";
import { asIdempotencyPurge, withOrg } from "../data/scope.ts";
import { encodeBase64Url } from "../fresh/base64url.ts";
import { ApiProblem } from "./problem.ts";

export const IDEMPOTENCY_HOURS = 24;
/** A claim whose request never stored its response (the process died meanwhile) stops blocking after this. */
const ABANDONED_MS = 5 * 60_000;
const KEY = /^[\x21-\x7e]{1,255}$/;
/** Response headers worth replaying. */
const KEPT_HEADERS = ["content-type", "etag", "location", "link"];

export interface Claim {
  orgId: string;
  key: string;
}

/** The Idempotency-Key header, checked; null without one. */
export function idempotencyKey(req: Request): string | null {
  const key = req.headers.get("idempotency-key");
  if (key === null) return null;
  if (!KEY.test(key)) {
    throw new ApiProblem(
      "validation-failed",
      "Idempotency-Key is 1 to 255 visible ASCII characters (a UUID is ideal).",
    );
  }
  return key;
}

export async function requestHash(method: string, path: string, body: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`${method} ${path}\n${body}`));
  return encodeBase64Url(new Uint8Array(digest));
}

const expiry = () => new Date(Date.now() + IDEMPOTENCY_HOURS * 3600_000);

/** Claims `key` for this request, or answers what an earlier request with it decides (a replay or a refusal). */
export async function claim(
  orgId: string,
  keyId: string,
  key: string,
  hash: string,
): Promise<{ claimed: Claim } | { replay: Response }> {
  return await withOrg({ orgId }, async (q) => {
    const fresh = { idempotency_key: key, key_id: keyId, request_hash: hash, expires_at: expiry() };
    const inserted = await q.insertInto("api_idempotency", fresh)
      .onConflict((oc) => oc.columns(["org_id", "idempotency_key"]).doNothing())
      .returning("idempotency_key").executeTakeFirst();
    if (inserted) return { claimed: { orgId, key } };
    const prior = await q.selectFrom("api_idempotency").selectAll().where("idempotency_key", "=", key).forUpdate()
      .executeTakeFirstOrThrow();
    const abandoned = prior.status === null && Date.now() - prior.created_at.getTime() > ABANDONED_MS;
    if (prior.expires_at <= new Date() || abandoned) {
      await q.deleteFrom("api_idempotency").where("idempotency_key", "=", key).execute();
      await q.insertInto("api_idempotency", fresh).execute();
      return { claimed: { orgId, key } };
    }
    if (prior.request_hash !== hash) {
      throw new ApiProblem(
        "idempotency-key-reused",
        "This Idempotency-Key was sent with another request in the last 24 hours; use a new key for a new request.",
      );
    }
    if (prior.status === null) {
      throw new ApiProblem("idempotency-in-progress", "The first request with this Idempotency-Key is still running.", {
        headers: { "retry-after": "1" },
      });
    }
    const headers = new Headers(prior.headers);
    headers.set("idempotent-replayed", "true");
    return { replay: new Response(prior.body, { status: prior.status, headers }) };
  });
}

/** Stores the response to replay (a 5xx releases the key instead); returns the response to send. */
export async function settle(c: Claim, res: Response): Promise<Response> {
  await withOrg({ orgId: c.orgId }, async (q) => {
    const row = q.updateTable("api_idempotency").where("idempotency_key", "=", c.key);
    if (res.status >= 500) {
      await q.deleteFrom("api_idempotency").where("idempotency_key", "=", c.key).execute();
      return;
    }
    const kept = Object.fromEntries(KEPT_HEADERS.flatMap((h) => res.headers.has(h) ? [[h, res.headers.get(h)!]] : []));
    await row.set({ status: res.status, headers: JSON.stringify(kept), body: await res.clone().text() }).execute();
  });
  return res;
}

/** Deletes expired entries of every org; returns how many. Run hourly by the job system. */
export async function purgeExpiredIdempotency(batch = 5_000): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await asIdempotencyPurge(async (trx) => {
      const res = await sql`DELETE FROM api_idempotency WHERE ctid IN (
        SELECT ctid FROM api_idempotency WHERE expires_at < now() LIMIT ${batch})`.execute(trx);
      return Number(res.numAffectedRows ?? 0);
    });
    total += n;
    if (n < batch) return total;
  }
}
