/** Helpers for the auth and tenancy tests: read mailed links, pick unique IPs and addresses. */
import { sql } from "kysely";
import { services } from "@/lib/data/services.ts";
import type { TestClient } from "./app.ts";
import { form } from "./accounts.ts";
import { drainJobs } from "./jobs.ts";

let n = 0;

/** A client address of its own, so one test's attempts do not count against another's limits. */
export function freshIp(): string {
  n++;
  return `10.${(n >> 8) & 255}.${n & 255}.${Math.floor(Math.random() * 250) + 1}`;
}

export function freshEmail(prefix = "person"): string {
  return `${prefix}-${crypto.randomUUID().slice(0, 8)}@example.test`;
}

/** The emails delivered to `address`, newest first, once the jobs due have run. */
export async function emailsTo(address: string) {
  await drainJobs();
  return await services().db.selectFrom("emails").selectAll()
    .where(sql<boolean>`lower(to_address) = ${address.toLowerCase()}`)
    .where("sent_at", "is not", null)
    .orderBy("id", "desc").execute();
}

/** The path (and query) of the first app link in the newest email to `address`. */
export async function linkIn(address: string): Promise<string> {
  const [latest] = await emailsTo(address);
  if (!latest) throw new Error(`No email to ${address}`);
  const match = latest.text_body.match(/https?:\/\/[^\s]+/);
  if (!match) throw new Error(`No link in "${latest.subject}"`);
  const url = new URL(match[0]);
  return url.pathname + url.search;
}

export async function authEvents(email: string) {
  return await services().db.selectFrom("auth_events").select(["action", "user_id", "ip"])
    .where("email", "=", email).orderBy("id").execute();
}

/** Signs up through the form, then follows the mailed confirmation link in the same client, which signs it in. */
export async function signUpAndConfirm(
  client: TestClient,
  values: { name: string; email: string; password: string },
): Promise<void> {
  await (await client.fetch("/signup", { ...form(values), remoteAddr: freshIp() })).body?.cancel();
  await (await client.fetch(await linkIn(values.email))).body?.cancel();
}
