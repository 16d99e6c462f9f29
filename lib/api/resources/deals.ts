/** Deals in the API: the representation, its list filters, the lib functions behind each operation, and the verbs. */
import * as z from "zod";
import { createDeal, getDeal, lockDeal, updateDeal } from "../../deals/deals.ts";
import { DEAL_SORTS, DEAL_STATUSES, filtered } from "../../deals/list.ts";
import { moveDeal } from "../../deals/move.ts";
import { setOutcome } from "../../deals/outcome.ts";
import { entryStage } from "../../records/default_pipeline.ts";
import { inOrg } from "../../records/records.ts";
import { assertVersion } from "../../records/versions.ts";
import { visibleTo } from "../../records/visibility.ts";
import { minorUnits, newOwner, recordHead, recordTail, requiredText, timestamp } from "../fields.ts";
import { listFilters, listPage, listQuery, ownerFilter, ownerOr, searchFilter, updatedSort } from "../lists.ts";
import { recordOperations, type RecordResource, recordVerb } from "../records.ts";

const SORTS = { ...DEAL_SORTS, updated: updatedSort("deals") };

export const Deal = z.object({
  ...recordHead("deal"),
  title: z.string(),
  value_minor: z.int().describe("Value in minor units of `currency` (cents for USD)"),
  currency: z.string().describe("ISO 4217, the org's currency"),
  expected_close_date: z.iso.date().nullable(),
  pipeline_id: z.uuid(),
  stage_id: z.uuid(),
  status: z.enum(["open", "won", "lost"]),
  lost_reason: z.string().nullable(),
  closed_at: timestamp().nullable(),
  stage_entered_at: timestamp(),
  company_id: z.uuid().nullable(),
  contact_id: z.uuid().nullable(),
  ...recordTail(),
}).meta({ id: "Deal" });

const DealCreate = z.strictObject({
  title: requiredText(200),
  value_minor: minorUnits().default(0).describe("Minor units of the org's currency: 1,250.50 USD is 125050"),
  expected_close_date: z.iso.date().nullable().default(null),
  stage_id: z.uuid().optional().describe("Left out: the first stage of the first pipeline"),
  company_id: z.uuid().nullable().default(null),
  contact_id: z.uuid().nullable().default(null),
  owner_id: newOwner(),
});

const COLUMNS = [
  ...["deals.id", "deals.title", "deals.value_minor", "deals.currency", "deals.expected_close_date"],
  ...["deals.pipeline_id", "deals.stage_id", "deals.status", "deals.lost_reason", "deals.closed_at"],
  ...["deals.stage_entered_at", "deals.company_id", "deals.contact_id", "deals.owner_id", "deals.created_at"],
  ...["deals.updated_at", "deals.version"],
] as const;

const ListQuery = listQuery(["newest", "oldest", "value", "updated"], {
  ...ownerFilter,
  ...searchFilter,
  status: z.enum(DEAL_STATUSES).default("all"),
  pipeline: z.uuid().optional().describe("Only deals of this pipeline"),
  stage: z.uuid().optional().describe("Only deals in this stage"),
});

const EXAMPLE = {
  id: "0190f3a2-af41-7e6d-a071-5c9d1f3e4a51",
  object: "deal",
  title: "Acme: 25 seats",
  value_minor: 1250000,
  currency: "USD",
  expected_close_date: "2026-06-30",
  pipeline_id: "0190f3a2-0a0a-7b0b-8c0c-0d0d0e0e0f0f",
  stage_id: "0190f3a2-0b1b-7c2c-8d3d-4e4e5f5f6a6a",
  status: "open",
  lost_reason: null,
  closed_at: null,
  stage_entered_at: "2026-03-06T10:00:00.000Z",
  company_id: "0190f3a2-7c1e-7b3a-9d4e-2f6a8c0b1d2e",
  contact_id: "0190f3a2-8d2f-7c4b-8e5f-3a7b9d1c2e3f",
  owner_id: "0190f3a2-1111-7222-8333-444455556666",
  created_at: "2026-03-06T10:00:00.000Z",
  updated_at: "2026-03-06T10:00:00.000Z",
  version: 1,
};

type Fields = z.output<typeof DealCreate>;

/** The lib's deal input from the API's fields (links by id; the form's by name and email stay unset). */
const dealInput = (f: Fields, stageId: string, owner: string | null) => ({
  title: f.title,
  value: f.value_minor,
  expected_close_date: f.expected_close_date,
  stage_id: stageId,
  owner_id: owner,
  company: null,
  contact: null,
  company_id: f.company_id,
  contact_id: f.contact_id,
});

const resource = {
  type: "deal",
  path: "/deals",
  tag: "Deals",
  one: "deal",
  many: "deals",
  schema: Deal,
  create: DealCreate,
  listQuery: ListQuery,
  list: (q, auth, query) => {
    const params = {
      ...listFilters(query),
      status: query.status,
      pipeline: query.pipeline ?? "",
      stage: query.stage ?? "",
    };
    return listPage(
      filtered(visibleTo(q.selectFrom("deals"), "deals", auth), auth, params).select(COLUMNS),
      "deals",
      SORTS,
      query,
    );
  },
  read: getDeal,
  insert: (auth, body) =>
    inOrg(auth, async (q) => {
      const stage = body.stage_id ?? (await entryStage(q)).stageId;
      return (await createDeal(q, auth, dealInput(body, stage, ownerOr(auth, body.owner_id)))).id;
    }),
  change: (auth, id, fields, version) =>
    inOrg(auth, async (q) => {
      assertVersion((await lockDeal(q, auth, id)).version, version);
      await updateDeal(q, auth, id, dealInput(fields, fields.stage_id!, fields.owner_id ?? null));
    }),
  example: {
    item: EXAMPLE,
    create: { title: "Acme: 25 seats", value_minor: 1250000, company_id: EXAMPLE.company_id },
    update: { value_minor: 1400000, expected_close_date: "2026-07-15" },
  },
} satisfies RecordResource<typeof DealCreate, typeof ListQuery>;

const MoveBody = z.strictObject({
  stage_id: z.uuid().describe("A stage of the deal's pipeline"),
  after_id: z.uuid().nullable().default(null).describe("The deal it goes below, in that stage"),
  before_id: z.uuid().nullable().default(null).describe("The deal it goes above, in that stage"),
}).meta({ id: "DealMove" });

const closed = { closed_at: "2026-03-20T16:00:00.000Z", version: 2 };

export const dealOps = {
  ...recordOperations(resource),
  move: recordVerb(resource, {
    name: "move",
    operationId: "moveDeal",
    summary: "Move a deal",
    description: "To another stage of its pipeline, and/or between two deals of the stage (neither: on top). " +
      "An open deal only.",
    body: MoveBody,
    errors: ["validation-failed", "conflict"],
    example: { request: { stage_id: EXAMPLE.stage_id }, response: { ...EXAMPLE, version: 2 } },
    act: (auth, id, body) =>
      inOrg(
        auth,
        (q) => moveDeal(q, auth, id, { stageId: body.stage_id, afterId: body.after_id, beforeId: body.before_id }),
      ),
  }),
  won: recordVerb(resource, {
    name: "won",
    operationId: "markDealWon",
    summary: "Mark a deal won",
    description: "Closes an open (or lost) deal as won.",
    errors: ["conflict"],
    example: { response: { ...EXAMPLE, status: "won", ...closed } },
    act: (auth, id) => inOrg(auth, (q) => setOutcome(q, auth, id, { outcome: "won" })),
  }),
  lost: recordVerb(resource, {
    name: "lost",
    operationId: "markDealLost",
    summary: "Mark a deal lost",
    description: "Closes an open (or won) deal as lost, with the reason.",
    body: z.strictObject({ reason: requiredText(500) }).meta({ id: "DealLoss" }),
    errors: ["conflict", "validation-failed"],
    example: {
      request: { reason: "Went with a competitor" },
      response: { ...EXAMPLE, status: "lost", lost_reason: "Went with a competitor", ...closed },
    },
    act: (auth, id, body) => inOrg(auth, (q) => setOutcome(q, auth, id, { outcome: "lost", reason: body.reason })),
  }),
  reopen: recordVerb(resource, {
    name: "reopen",
    operationId: "reopenDeal",
    summary: "Reopen a deal",
    description: "Opens a won or lost deal again, on top of its stage.",
    errors: ["conflict"],
    example: { response: { ...EXAMPLE, version: 3 } },
    act: (auth, id) => inOrg(auth, (q) => setOutcome(q, auth, id, { outcome: "open" })),
  }),
};
