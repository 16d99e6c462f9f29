/**
 * The OpenAPI 3.1 document of /api/v1, made from the operations' own zod schemas (zod 4 emits JSON Schema
 * 2020-12, the dialect OpenAPI 3.1 uses): request schemas as their input side, responses as their output.
 */
import * as z from "zod";
import { IDEMPOTENCY_HOURS } from "./idempotency.ts";
import { MAX_LIMIT } from "./lists.ts";
import { type ApiMethod, type Operation, writes } from "./operation.ts";
import { OPERATIONS } from "./operations.ts";
import { PROBLEMS, type ProblemType, problemUri } from "./problem.ts";
import { EVENT_SCHEMAS } from "./webhook_events.ts";

type Json = Record<string, unknown>;

const Problem = z.object({
  type: z.string().describe("A stable URI reference naming the problem: its entry on /docs/api"),
  title: z.string(),
  status: z.int(),
  detail: z.string().describe("What went wrong, for a person"),
  instance: z.string().describe("The request's path"),
  errors: z.array(z.object({
    pointer: z.string().optional().describe("JSON pointer into the body, e.g. /title"),
    parameter: z.string().optional().describe("The query parameter"),
    detail: z.string(),
  })).optional().describe("Per field, on validation-failed and invalid-parameter"),
}).meta({ id: "Problem", description: "An error, as RFC 9457 application/problem+json" });

const TAGS: [string, string][] = [
  ["Account", "The key itself: its org, what it may do, the plan's limits and this month's use."],
  ["Companies", "Organisations you sell to."],
  ["Contacts", "People, linked to a company."],
  ["Leads", "Unqualified interest: qualify, disqualify or convert into a contact, company and deal."],
  ["Deals", "Opportunities moving through a pipeline's stages until won or lost."],
  ["Pipelines", "The org's pipelines and their stages (managed by admins in the app)."],
  ["Members", "The org's members: owners of records, assignees of tasks."],
  ["Activities", "Calls, emails, meetings, notes and tasks logged on records."],
  ["Tasks", "Activities with a due date, across records."],
];

/** Answers any operation may give: no working key, too many requests, the month's allowance spent. */
const EVERY: ProblemType[] = ["unauthorized", "rate-limited", "plan-limit"];
/** Answers of any operation that writes. */
const WRITING: ProblemType[] = ["insufficient-scope", "read-only", "idempotency-key-reused", "idempotency-in-progress"];

/** Definitions move to components; a format (uuid, date-time) stands without zod's long equivalent pattern. */
function tidy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(tidy);
  if (!value || typeof value !== "object") return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === "pattern" && "format" in value) continue;
    out[k] = k === "$ref" && typeof v === "string" ? v.replace("#/$defs/", "#/components/schemas/") : tidy(v);
  }
  return out;
}

class Builder {
  readonly schemas: Record<string, Json> = {};

  constructor() {
    this.convert(Problem, "output");
  }

  /** `schema` as JSON Schema; schemas with an id land in components and are referenced. */
  convert(schema: z.ZodType, io: "input" | "output"): Json {
    const out = tidy(z.toJSONSchema(schema, { io, target: "draft-2020-12", unrepresentable: "any" })) as Json & {
      $defs?: Record<string, Json>;
    };
    const { $schema: _dialect, $defs, ...rest } = out;
    for (const [id, def] of Object.entries($defs ?? {})) this.schemas[id] = def;
    // A root schema with an id comes back as a reference to its own definition.
    if (typeof rest.$ref === "string") return { $ref: rest.$ref };
    const id = z.globalRegistry.get(schema)?.id;
    if (id && !("$ref" in rest)) {
      this.schemas[id] = rest;
      return { $ref: `#/components/schemas/${id}` };
    }
    return rest;
  }

  parameters(op: Operation): Json[] {
    const params: Json[] = [];
    if (op.params) {
      params.push({ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } });
    }
    for (const [name, field] of Object.entries((op.query?.shape ?? {}) as Record<string, z.ZodType>)) {
      const schema = this.convert(field, "input");
      const description = schema.description;
      delete schema.description;
      params.push({ name, in: "query", required: !field.safeParse(undefined).success, description, schema });
    }
    if (op.method === "POST" || op.method === "PATCH") {
      params.push({
        name: "Idempotency-Key",
        in: "header",
        required: false,
        description: `A unique key (a UUID) per request: a retry with the same key and body within ` +
          `${IDEMPOTENCY_HOURS} hours replays the first response instead of acting twice.`,
        schema: { type: "string", minLength: 1, maxLength: 255 },
      });
    }
    if (op.versioned && (op.method === "PATCH" || op.method === "DELETE")) {
      params.push({
        name: "If-Match",
        in: "header",
        required: false,
        description: "The ETag of the version you read: the change is refused (412) if the record has moved on.",
        schema: { type: "string", examples: ['"3"'] },
      });
    }
    return params;
  }

  responses(op: Operation): Json {
    const rateHeaders = {
      "RateLimit-Limit": { description: "Requests a minute this key may make", schema: { type: "integer" } },
      "RateLimit-Remaining": { description: "Requests left in the current minute", schema: { type: "integer" } },
      "RateLimit-Reset": { description: "Seconds until the minute's count is full again", schema: { type: "integer" } },
    };
    const responses: Json = {};
    const status = String(op.status ?? 200);
    const headers: Json = { ...rateHeaders };
    if (op.versioned && op.response) {
      headers.ETag = { description: "The version, for If-Match", schema: { type: "string" } };
    }
    responses[status] = op.response
      ? {
        description: "OK",
        headers,
        content: { "application/json": { schema: this.convert(op.response, "output"), example: op.example.response } },
      }
      : { description: "Done: no content", headers };
    const types = [...new Set([...op.errors, ...EVERY, ...(writes(op.method) ? WRITING : [])])];
    const byStatus = new Map<number, ProblemType[]>();
    for (const type of types) byStatus.set(PROBLEMS[type][0], [...byStatus.get(PROBLEMS[type][0]) ?? [], type]);
    for (const [code, group] of [...byStatus].sort(([a], [b]) => a - b)) {
      responses[String(code)] = {
        description: group.map((t) => PROBLEMS[t][1]).join("; "),
        ...(code === 429 ? { headers: { "Retry-After": { schema: { type: "integer" } } } } : {}),
        content: {
          "application/problem+json": {
            schema: { $ref: "#/components/schemas/Problem" },
            examples: Object.fromEntries(group.map((t) => [t, { $ref: `#/components/examples/${t}` }])),
          },
        },
      };
    }
    return responses;
  }

  operation(op: Operation): Json {
    return {
      operationId: op.operationId,
      tags: [op.tag],
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      parameters: this.parameters(op),
      ...(op.body
        ? {
          requestBody: {
            required: true,
            content: {
              "application/json": { schema: this.convert(op.body, "input"), example: op.example.request ?? {} },
            },
          },
        }
        : {}),
      responses: this.responses(op),
    };
  }
}

const methodKey = (m: ApiMethod) => m.toLowerCase();

let cached: Json | null = null;

export function openApiDocument(): Json {
  if (cached) return cached;
  const b = new Builder();
  const paths: Record<string, Json> = {};
  for (const op of OPERATIONS) (paths[op.path] ??= {})[methodKey(op.method)] = b.operation(op);
  const webhooks = Object.fromEntries(
    Object.entries(EVENT_SCHEMAS).map(([type, schema]) => [type, {
      post: {
        summary: `${type} (webhook)`,
        description: "POSTed to your endpoint, signed per Standard Webhooks (`webhook-id`, `webhook-timestamp`, " +
          "`webhook-signature`). Answer 2xx within 10 s; anything else is retried. See /docs/api#webhooks.",
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["type", "timestamp", "data"],
                properties: {
                  type: { const: type },
                  timestamp: { type: "string", format: "date-time" },
                  data: b.convert(schema, "output"),
                },
              },
            },
          },
        },
        responses: { "200": { description: "Received (any 2xx)" } },
      },
    }]),
  );
  cached = {
    openapi: "3.1.1",
    info: {
      title: "NexaCRM API",
      version: "1.0.0",
      summary: "Companies, contacts, leads, deals, pipelines, activities and tasks of one NexaCRM workspace.",
      description: "Authenticate with an API key as `Authorization: Bearer nxc_…` (admins make keys under " +
        `Settings → API keys). Lists page by cursor (\`limit\` up to ${MAX_LIMIT}, then \`cursor\` = the ` +
        "`next_cursor` you got). Errors are RFC 9457 `application/problem+json`. The guide: /docs/api.",
    },
    servers: [{ url: "/api/v1", description: "This server" }],
    security: [{ apiKey: [] }],
    tags: TAGS.map(([name, description]) => ({ name, description })),
    paths,
    webhooks,
    components: {
      schemas: b.schemas,
      examples: Object.fromEntries(
        (Object.entries(PROBLEMS) as [ProblemType, (typeof PROBLEMS)[ProblemType]][]).map(([type, [status, title]]) => [
          type,
          {
            summary: title,
            value: { type: problemUri(type), title, status, detail: `${title}.`, instance: "/api/v1/…" },
          },
        ]),
      ),
      securitySchemes: {
        apiKey: {
          type: "http",
          scheme: "bearer",
          description: "An API key of the workspace, `nxc_` and 32 characters",
        },
      },
    },
  };
  return cached;
}
