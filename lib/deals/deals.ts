/**
 * Deals: read (as the viewer may see them), create and edit; every change is written to the deal's
 * timeline in the same transaction. Soft delete and restore are the records' (lib/records/trash.ts).
 */
import { assertRecordRoom } from "../billing/limits.ts";
import type { AuthContext } from "../auth/guard.ts";
import { notFound } from "../fresh/errors.ts";
import { ValidationError } from "../http/forms.ts";
import { changedFields, recordChanges, recordEvent } from "../records/history.ts";
import { type Viewer, visibleTo } from "../records/visibility.ts";
import type { OrgScope } from "../data/scope.ts";
import { requireMember } from "../records/members.ts";
import { formatMoney } from "../records/money.ts";
import { recordExtras } from "../records/record_page.ts";
import { inOrg } from "../records/records.ts";
import { getPipeline } from "../pipelines/pipelines.ts";
import { topPosition } from "./positions.ts";
import { lockStage } from "../pipelines/stages.ts";
import type { DealInput } from "./schemas.ts";

export function dealQuery(q: OrgScope, viewer: Viewer) {
  return visibleTo(
    q.selectFrom("deals")
      .innerJoin("stages", "stages.id", "deals.stage_id")
      .innerJoin("pipelines", "pipelines.id", "deals.pipeline_id")
      .leftJoin("users as owner", "owner.id", "deals.owner_id")
      .leftJoin("companies", "companies.id", "deals.company_id")
      .leftJoin("contacts", "contacts.id", "deals.contact_id")
      .select([
        "deals.id",
        "deals.title",
        "deals.value_minor",
        "deals.currency",
        "deals.expected_close_date",
        "deals.pipeline_id",
        "pipelines.name as pipeline_name",
        "deals.stage_id",
        "stages.name as stage_name",
        "stages.probability",
        "deals.owner_id",
        "owner.name as owner_name",
        "owner.email as owner_email",
        "deals.company_id",
        "companies.name as company_name",
        "deals.contact_id",
        "contacts.first_name as contact_first_name",
        "contacts.last_name as contact_last_name",
        "contacts.email as contact_email",
        "deals.status",
        "deals.lost_reason",
        "deals.closed_at",
        "deals.stage_entered_at",
        "deals.position",
        "deals.created_at",
        "deals.updated_at",
        "deals.deleted_at",
        "deals.version",
      ]),
    "deals",
    viewer,
  );
}

export type Deal = Awaited<ReturnType<typeof getDeal>>;

/** A deal the viewer may see (404 otherwise); deleted ones only when asked for. */
export async function getDeal(q: OrgScope, viewer: Viewer, id: string, opts: { deleted?: boolean } = {}) {
  let qb = dealQuery(q, viewer).where("deals.id", "=", id);
  if (!opts.deleted) qb = qb.where("deals.deleted_at", "is", null);
  const deal = await qb.executeTakeFirst();
  if (!deal) throw notFound("No such deal");
  return deal;
}

/** A deal with its pipeline's stages and what every record page shows (timeline, attachments, members). */
export async function dealPage(auth: AuthContext, id: string) {
  return await inOrg(auth, async (q) => {
    const deal = await getDeal(q, auth, id);
    const { stages } = await getPipeline(q, deal.pipeline_id);
    return { deal, stages, extras: await recordExtras(q, "deal", id) };
  });
}

/** The deal row itself, locked for a change, if the viewer may see it and it is not deleted. */
export async function lockDeal(q: OrgScope, viewer: Viewer, id: string) {
  const deal = await visibleTo(
    q.selectFrom("deals").selectAll("deals").where("deals.id", "=", id).where("deals.deleted_at", "is", null),
    "deals",
    viewer,
  ).forUpdate().executeTakeFirst();
  if (!deal) throw notFound("No such deal");
  return deal;
}

/** The stage a deal goes to, locked for ordering (stage before deal, like every writer). */
async function stageFor(q: OrgScope, stageId: string) {
  const stage = await lockStage(q, stageId);
  if (!stage) throw new ValidationError({ stage_id: "Choose a stage" });
  return stage;
}

/** A deal's fields; its company and contact by id (the API) or by name and email (the form). */
export type DealChange = DealInput & { company_id?: string | null; contact_id?: string | null };

/** The linked company and contact, among the records the viewer sees: by id when given, else by name and email. */
async function resolveLinks(q: OrgScope, viewer: Viewer, input: DealChange) {
  const errors: Record<string, string> = {};
  let company_id: string | null = null;
  let contact_id: string | null = null;
  if (input.company_id !== undefined || input.contact_id !== undefined) return await linksById(q, viewer, input);
  if (input.company) {
    const company = await visibleTo(
      q.selectFrom("companies").select("companies.id")
        .where((eb) => eb(eb.fn("lower", ["companies.name"]), "=", input.company!.toLowerCase()))
        .where("companies.deleted_at", "is", null).orderBy("companies.id").limit(1),
      "companies",
      viewer,
    ).executeTakeFirst();
    if (company) company_id = company.id;
    else errors.company = "No company with this name: add it under Companies first";
  }
  if (input.contact) {
    const contact = await visibleTo(
      q.selectFrom("contacts").select("contacts.id")
        .where((eb) => eb(eb.fn("lower", ["contacts.email"]), "=", input.contact!.toLowerCase()))
        .where("contacts.deleted_at", "is", null).orderBy("contacts.id").limit(1),
      "contacts",
      viewer,
    ).executeTakeFirst();
    if (contact) contact_id = contact.id;
    else errors.contact = "No contact with this email: add them under Contacts first";
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return { company_id, contact_id };
}

async function linksById(q: OrgScope, viewer: Viewer, input: DealChange) {
  const seen = async (table: "companies" | "contacts", id: string | null | undefined) =>
    !id || !!await visibleTo(
      q.selectFrom(table).select(`${table}.id` as "companies.id").where(`${table}.id` as "companies.id", "=", id)
        .where(`${table}.deleted_at` as "companies.deleted_at", "is", null),
      table,
      viewer,
    ).executeTakeFirst();
  const errors: Record<string, string> = {};
  if (!await seen("companies", input.company_id)) errors.company_id = "No such company";
  if (!await seen("contacts", input.contact_id)) errors.contact_id = "No such contact";
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return { company_id: input.company_id ?? null, contact_id: input.contact_id ?? null };
}

export async function createDeal(q: OrgScope, viewer: Viewer & { org: { currency: string } }, input: DealChange) {
  const stage = await stageFor(q, input.stage_id);
  const owner_id = input.owner_id;
  await requireMember(q, owner_id);
  const links = await resolveLinks(q, viewer, input);
  await assertRecordRoom(q);
  const deal = await q.insertInto("deals", {
    title: input.title,
    value_minor: input.value,
    currency: viewer.org.currency,
    expected_close_date: input.expected_close_date,
    pipeline_id: stage.pipeline_id,
    stage_id: stage.id,
    owner_id,
    ...links,
    position: await topPosition(q, stage),
    stage_entered_at: new Date(),
  }).returning("id").executeTakeFirstOrThrow();
  await recordEvent(q, {
    actorId: q.userId,
    recordType: "deal",
    recordId: deal.id,
    kind: "created",
    detail: { title: input.title, stage: stage.name },
  });
  return deal;
}

/** A stage change's timeline entry: names for reading, ids for reports. */
export function stageChange(from: { id: string; name: string }, to: { id: string; name: string }) {
  return { from: from.name, to: to.name, from_id: from.id, to_id: to.id };
}

export async function updateDeal(q: OrgScope, viewer: Viewer, id: string, input: DealChange) {
  const stage = await stageFor(q, input.stage_id);
  await lockDeal(q, viewer, id);
  const before = await getDeal(q, viewer, id);
  const owner_id = input.owner_id;
  if (owner_id !== before.owner_id) await requireMember(q, owner_id);
  const links = await resolveLinks(q, viewer, input);
  const movedStage = stage.id !== before.stage_id;

  await q.updateTable("deals").set({
    title: input.title,
    value_minor: input.value,
    expected_close_date: input.expected_close_date,
    owner_id,
    ...links,
    updated_at: new Date(),
    ...(movedStage
      ? {
        pipeline_id: stage.pipeline_id,
        stage_id: stage.id,
        stage_entered_at: new Date(),
        position: await topPosition(q, stage, id),
      }
      : {}),
  }).where("id", "=", id).execute();

  const money = (minor: number) => formatMoney(minor, before.currency);
  const changes = changedFields(
    {
      title: before.title,
      value: money(before.value_minor),
      expected_close_date: before.expected_close_date,
      company: before.company_name,
      contact: before.contact_email,
      owner_id: before.owner_id,
    },
    {
      title: input.title,
      value: money(input.value),
      expected_close_date: input.expected_close_date,
      company: links.company_id === before.company_id ? before.company_name : input.company,
      contact: links.contact_id === before.contact_id ? before.contact_email : input.contact,
      owner_id,
    },
  );
  const actor = { actorId: q.userId, recordType: "deal" as const, recordId: id };
  await recordChanges(q, actor, changes);
  if (movedStage) {
    await recordEvent(q, {
      ...actor,
      kind: "stage_changed",
      detail: stageChange({ id: before.stage_id, name: before.stage_name }, stage),
    });
  }
}
