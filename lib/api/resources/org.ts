/** What the key's org holds besides records: the key itself (`/me`), its pipelines with their stages, its members. */
import * as z from "zod";
import { choosePipeline, getPipeline } from "../../pipelines/pipelines.ts";
import { listMembers } from "../../tenancy/members.ts";
import { apiCallsThisMonth } from "../../billing/usage.ts";
import { id, idParams, timestamp } from "../fields.ts";
import { listOf } from "../lists.ts";
import { operation } from "../operation.ts";
import { notFound } from "../../fresh/errors.ts";

const Stage = z.object({
  id: id(),
  name: z.string(),
  position: z.int(),
  probability: z.int().describe("Win probability in percent"),
}).meta({ id: "Stage" });

export const Pipeline = z.object({
  id: id(),
  object: z.literal("pipeline").default("pipeline"),
  name: z.string(),
  position: z.int(),
  stages: z.array(Stage),
}).meta({ id: "Pipeline" });

const Member = z.object({
  id: id(),
  object: z.literal("member").default("member"),
  name: z.string(),
  email: z.string(),
  role: z.enum(["OWNER", "ADMIN", "MEMBER"]),
  team: z.string().nullable(),
  joined_at: timestamp(),
}).meta({ id: "Member" });

const Me = z.object({
  object: z.literal("me").default("me"),
  org: z.object({ id: id(), name: z.string(), slug: z.string(), currency: z.string(), time_zone: z.string() }),
  key: z.object({ id: id(), scopes: z.array(z.enum(["read", "write"])) }),
  member: z.object({ id: id(), name: z.string(), email: z.string(), role: z.enum(["OWNER", "ADMIN", "MEMBER"]) })
    .describe("Who the key acts as: the admin who made it, with their role today"),
  plan: z.object({
    id: z.enum(["free", "pro", "business"]),
    name: z.string(),
    requests_per_minute: z.int(),
    calls_per_month: z.int(),
    calls_this_month: z.int().describe("Calls counted this month (UTC) before this one"),
  }),
}).meta({ id: "Me" });

const STAGES = [
  { id: "0190f3a2-0b1b-7c2c-8d3d-4e4e5f5f6a6a", name: "Lead in", position: 0, probability: 10 },
  { id: "0190f3a2-0c2c-7d3d-8e4e-5f5f6a6a7b7b", name: "Proposal", position: 1, probability: 50 },
];
const PIPELINE = {
  id: "0190f3a2-0a0a-7b0b-8c0c-0d0d0e0e0f0f",
  object: "pipeline",
  name: "Sales",
  position: 0,
  stages: STAGES,
};
const MEMBER = {
  id: "0190f3a2-1111-7222-8333-444455556666",
  object: "member",
  name: "Ada Admin",
  email: "ada@acme.com",
  role: "ADMIN",
  team: null,
  joined_at: "2026-01-12T08:00:00.000Z",
};

const members = (q: Parameters<typeof listMembers>[0]) =>
  listMembers(q).then((rows) => rows.map((m) => ({ ...m, joined_at: m.created_at })));

export const orgOps = {
  me: operation({
    method: "GET",
    path: "/me",
    operationId: "getMe",
    tag: "Account",
    summary: "The key, its org and plan",
    description: "Which org the key works in, what it may do, who it acts as, and the plan's API limits and use.",
    response: Me,
    errors: [],
    example: {
      response: {
        object: "me",
        org: {
          id: "0190f3a2-0000-7000-8000-000000000001",
          name: "Acme",
          slug: "acme",
          currency: "USD",
          time_zone: "UTC",
        },
        key: { id: "0190f3a2-0000-7000-8000-000000000002", scopes: ["read", "write"] },
        member: { id: MEMBER.id, name: MEMBER.name, email: MEMBER.email, role: "ADMIN" },
        plan: { id: "pro", name: "Pro", requests_per_minute: 600, calls_per_month: 1000000, calls_this_month: 1234 },
      },
    },
    run: async ({ caller: { auth, key, billing }, scoped }) => {
      const { limits } = billing.plan;
      return {
        body: {
          org: auth.org,
          key: { id: key.id, scopes: key.scope === "write" ? ["read", "write"] : ["read"] },
          member: { ...auth.user, role: auth.role },
          plan: {
            id: billing.plan.id,
            name: billing.plan.name,
            requests_per_minute: limits.apiRequestsPerMinute,
            calls_per_month: limits.apiCallsPerMonth,
            calls_this_month: await scoped(apiCallsThisMonth),
          },
        },
      };
    },
  }),
  pipelines: operation({
    method: "GET",
    path: "/pipelines",
    operationId: "listPipelines",
    tag: "Pipelines",
    summary: "List pipelines",
    description: "Every pipeline of the org with its stages, in order (one page: an org has a handful). An org " +
      "without one gets the default pipeline, as the board does.",
    response: listOf(Pipeline, "PipelineList"),
    errors: [],
    example: { response: { object: "list", data: [PIPELINE], has_more: false, next_cursor: null } },
    run: async ({ scoped }) => ({
      body: {
        data: await scoped((q) => choosePipeline(q).then((c) => c.pipelines)),
        has_more: false,
        next_cursor: null,
      },
    }),
  }),
  pipeline: operation({
    method: "GET",
    path: "/pipelines/{id}",
    operationId: "getPipeline",
    tag: "Pipelines",
    summary: "Get a pipeline",
    params: idParams,
    response: Pipeline,
    errors: ["not-found"],
    example: { response: PIPELINE },
    run: async ({ params, scoped }) => ({ body: await scoped((q) => getPipeline(q, params.id)) }),
  }),
  members: operation({
    method: "GET",
    path: "/members",
    operationId: "listMembers",
    tag: "Members",
    summary: "List members",
    description: "The org's members: who records can be owned by and tasks assigned to (one page).",
    response: listOf(Member, "MemberList"),
    errors: [],
    example: { response: { object: "list", data: [MEMBER], has_more: false, next_cursor: null } },
    run: async ({ scoped }) => ({
      body: { data: await scoped(members), has_more: false, next_cursor: null },
    }),
  }),
  member: operation({
    method: "GET",
    path: "/members/{id}",
    operationId: "getMember",
    tag: "Members",
    summary: "Get a member",
    params: idParams,
    response: Member,
    errors: ["not-found"],
    example: { response: MEMBER },
    run: async ({ params, scoped }) => {
      const member = (await scoped(members)).find((m) => m.id === params.id);
      if (!member) throw notFound();
      return { body: member };
    },
  }),
};
