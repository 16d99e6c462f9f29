/**
 * An org's webhook endpoints, managed by its owners and admins: URL, description, the event types it wants
 * (none chosen: all), enabled or not. A secret is shown once, when made or rotated; after a rotation the
 * previous one still signs for 24 hours.
 */
import * as z from "zod";
import { audit } from "../audit/log.ts";
import { requirePermission } from "../auth/permissions.ts";
import type { OrgScope } from "../data/scope.ts";
import { services } from "../data/services.ts";
import { notFound } from "../fresh/errors.ts";
import { echoValues, fieldErrors, type FormResult, type FormValues, optionalText } from "../http/forms.ts";
import type { Actor } from "../tenancy/members.ts";
import { webhookNow } from "./clock.ts";
import { EVENT_TYPES } from "./events.ts";
import { newSecret } from "./signing.ts";
import { urlProblem } from "./ssrf.ts";

export const ROTATION_OVERLAP_MS = 24 * 3_600_000;
const MAX_URL = 2000;

export const production = () => services().config.DENO_ENV === "production";

/** A URL an outgoing request may be made to (the network is checked again at each request). */
export const destinationUrl = () =>
  z.string({ message: "Enter a URL" }).trim().min(1, "Enter a URL").max(MAX_URL, `At most ${MAX_URL} characters`)
    .superRefine((url, ctx) => {
      const problem = urlProblem(url, { production: production() });
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });

export const EndpointInput = z.object({
  url: destinationUrl(),
  description: optionalText(200).transform((v) => v ?? ""),
  event_types: z.array(z.enum(EVENT_TYPES, { message: "Choose event types from the list" })).default([]),
  enabled: z.boolean().default(true),
});
export type EndpointInput = z.output<typeof EndpointInput>;

/** The endpoint form (event types as `event:<type>` checkboxes), parsed into EndpointInput or field errors. */
export function parseEndpointForm(values: FormValues): FormResult<EndpointInput> {
  const parsed = EndpointInput.safeParse({
    url: values.url,
    description: values.description,
    event_types: Object.keys(values).filter((k) => k.startsWith("event:")).map((k) => k.slice(6)),
    enabled: values.enabled === "on",
  });
  const echo = echoValues(values);
  if (parsed.success) return { ok: true, data: parsed.data, values: echo };
  const errors = Object.fromEntries(
    Object.entries(fieldErrors(parsed.error)).map(([k, v]) => [k.startsWith("event_types") ? "event_types" : k, v]),
  );
  return { ok: false, errors, values: echo };
}

const SUMMARY = [
  "id",
  "url",
  "description",
  "event_types",
  "enabled",
  "disabled_reason",
  "failing_since",
  "previous_secret_until",
  "created_at",
] as const;

const auditEndpoint = (q: OrgScope, actor: Actor, action: string, id: string, detail?: Record<string, unknown>) =>
  audit(q, { actorId: actor.id, action, target: `webhook_endpoint:${id}`, detail, ip: actor.ip });

export async function listEndpoints(q: OrgScope) {
  return await q.selectFrom("webhook_endpoints").select(SUMMARY).orderBy("id").execute();
}
export type EndpointSummary = Awaited<ReturnType<typeof listEndpoints>>[number];

export async function getEndpoint(q: OrgScope, id: string): Promise<EndpointSummary> {
  const found = await q.selectFrom("webhook_endpoints").select(SUMMARY).where("id", "=", id).executeTakeFirst();
  if (!found) throw notFound("No such endpoint");
  return found;
}

export async function createEndpoint(q: OrgScope, actor: Actor, input: EndpointInput) {
  requirePermission(actor.role, "integrations.manage");
  const secret = newSecret();
  const { id } = await q.insertInto("webhook_endpoints", {
    url: input.url,
    description: input.description,
    event_types: input.event_types,
    enabled: input.enabled,
    secret,
  }).returning("id").executeTakeFirstOrThrow();
  await auditEndpoint(q, actor, "webhook.created", id, { url: input.url });
  return { id, secret };
}

export async function updateEndpoint(q: OrgScope, actor: Actor, id: string, input: EndpointInput): Promise<void> {
  requirePermission(actor.role, "integrations.manage");
  const done = await q.updateTable("webhook_endpoints").set({
    url: input.url,
    description: input.description,
    event_types: input.event_types,
    enabled: input.enabled,
    // Enabling again starts a fresh count of failing days.
    ...(input.enabled ? { disabled_reason: null, failing_since: null } : { disabled_reason: "Disabled by an admin" }),
    updated_at: new Date(),
  }).where("id", "=", id).executeTakeFirst();
  if (!done.numUpdatedRows) throw notFound("No such endpoint");
  await auditEndpoint(q, actor, "webhook.updated", id, { url: input.url, enabled: input.enabled });
}

export async function deleteEndpoint(q: OrgScope, actor: Actor, id: string): Promise<void> {
  requirePermission(actor.role, "integrations.manage");
  const done = await q.deleteFrom("webhook_endpoints").where("id", "=", id).executeTakeFirst();
  if (!done.numDeletedRows) throw notFound("No such endpoint");
  await auditEndpoint(q, actor, "webhook.deleted", id);
}

/** A new secret (returned, shown once); the current one keeps signing beside it for 24 hours. */
export async function rotateSecret(q: OrgScope, actor: Actor, id: string): Promise<string> {
  requirePermission(actor.role, "integrations.manage");
  const current = await q.selectFrom("webhook_endpoints").select("secret").where("id", "=", id).forUpdate()
    .executeTakeFirst();
  if (!current) throw notFound("No such endpoint");
  const secret = newSecret();
  await q.updateTable("webhook_endpoints").set({
    secret,
    previous_secret: current.secret,
    previous_secret_until: new Date(webhookNow().getTime() + ROTATION_OVERLAP_MS),
    updated_at: new Date(),
  }).where("id", "=", id).execute();
  await auditEndpoint(q, actor, "webhook.secret_rotated", id);
  return secret;
}

/** The secrets that sign a request sent now: the current one, and the previous one within its 24 hours. */
export async function signingSecrets(q: OrgScope, id: string): Promise<string[]> {
  const e = await q.selectFrom("webhook_endpoints").select(["secret", "previous_secret", "previous_secret_until"])
    .where("id", "=", id).executeTakeFirst();
  if (!e) return [];
  const overlap = e.previous_secret && e.previous_secret_until && e.previous_secret_until > webhookNow();
  return overlap ? [e.secret, e.previous_secret!] : [e.secret];
}
