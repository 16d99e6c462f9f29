/**
 * The tenant isolation harness's coverage table (see isolation_test.ts): every file of the route
 * manifest, and how the sweep exercises it. A route under `/app/[org]` lists, per exported method,
 * the requests it gets as org A's owner with org B's ids in its path, query string and body; every
 * other file says why it is not tenant-scoped. A route added to the manifest without a row here,
 * or a method without probes, fails the coverage test.
 */
import type { RouteModule } from "@/lib/fresh/types.ts";

/** The kinds of tenant resource a path parameter names. */
export type Kind =
  | "company"
  | "contact"
  | "lead"
  | "deal"
  | "task"
  | "pipeline"
  | "member"
  | "invitation"
  | "job"
  | "apikey"
  | "webhook"
  | "delivery"
  | "rule"
  | "run"
  | "notification"
  | "export";
export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
export const ROUTE_METHODS: Method[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/** What the sweep knows of one org. */
export interface World {
  slug: string;
  orgId: string;
  orgName: string;
  /** One resource of each kind (B: each holds the sentinel; `pipeline` is B's extra pipeline). */
  ids: Record<Kind, string>;
  /** First stage of the default pipeline, where `ids.deal` sits. */
  stage: string;
  /** First stage of `ids.pipeline`. */
  pipelineStage: string;
  memberEmail: string;
  contactEmail: string;
  companyName: string;
  /** Another company of the org, named by the deal probes only (the contact probes give A a company named like the first). */
  otherCompanyName: string;
  companyDomain: string;
  /** Another deal of the org (in `ids.pipeline`). */
  otherDeal: string;
  /** An audit_log id of the org. */
  auditId: string;
  /** Search text that finds the org's records (B: the sentinel, lower-cased, so an echo of it is no leak). */
  words: string;
  /** A's lead kept for the convert probes, with B's contact's email and company name (B: its lead). */
  spareLead: string;
}

/** One request of the sweep. */
export interface Probe {
  query?: Record<string, string>;
  form?: Record<string, string>;
  json?: unknown;
  /** The status A's own run must get (beyond: not 5xx, no sentinel, B unchanged). */
  status?: number;
  /** Routes with an id: skip the run on A's own resource (it carries nothing of B's and would only spend A's fixture). */
  own?: false;
  /** A's resource for the own run, instead of `a.ids[param]`. */
  ownId?: string;
  /** A's own run as A's admin instead of its owner. */
  as?: "admin";
  /** Routes with an id: the status with B's resource in the path, when not 404 (a form post redirecting back). */
  bStatus?: number;
}

export type Probes = (a: World, b: World) => Probe[];

export interface TenantRoute {
  scope: "tenant";
  /** The resource kind of the `[id]`/`[userId]` parameter: B's resource of that kind goes in the path, and must be 404. */
  param?: Kind;
  methods: Partial<Record<Method, Probes>>;
}

/**
 * A route of the public API (/api/v1): tenant-scoped by its bearer key, not its path. The sweep sends A's key
 * with B's ids in the path (404), query string and body, and checks a request without a key, or with a
 * revoked key, is a 401.
 */
export interface ApiRoute {
  scope: "api";
  param?: Kind;
  methods: Partial<Record<Method, Probes>>;
}

export interface OtherRoute {
  scope: "public" | "user" | "dev" | "framework";
  reason: string;
}

export type Coverage = TenantRoute | ApiRoute | OtherRoute;

/** The methods a route module answers (HEAD follows GET): a page without handler answers GET. */
export function routeMethods(mod: RouteModule): Method[] {
  const api = (mod.handler as { operations?: { method: Method }[] } | undefined)?.operations;
  if (api) return api.map((op) => op.method);
  if (typeof mod.handler === "function") return [...ROUTE_METHODS];
  if (mod.handler && !Array.isArray(mod.handler)) {
    return ROUTE_METHODS.filter((m) => (mod.handler as Record<string, unknown>)[m] !== undefined);
  }
  return mod.default ? ["GET"] : [];
}

/** `./routes/app/[org]/deals/[id]/edit.tsx` with a slug and an id → `/app/<slug>/deals/<id>/edit`. */
export function routePath(file: string, slug: string, id?: string): string {
  const segments = file.replace(/^\.\/routes\//, "").replace(/\.(tsx|ts)$/, "").split("/")
    .filter((s) => !/^\(.+\)$/.test(s) && s !== "index")
    .map((s) => {
      if (s === "[org]") return slug;
      if (/^\[\w+\]$/.test(s)) {
        if (!id) throw new Error(`${file} needs an id`);
        return id;
      }
      return s;
    });
  return `/${segments.join("/")}`;
}

const page: Probes = (): Probe[] => [{}];
const destructive: Probes = (): Probe[] => [{ own: false }];
const TOMORROW = new Date(Date.now() + 86_400_000).toISOString().slice(0, 16);

/** An activity (a task) assigned to B's member. */
const activityForB: Probes = (_a, b): Probe[] => [{
  form: { type: "task", subject: "Isolation task", body: "", due_at: TOMORROW, owner_id: b.ids.member },
  status: 422,
}];

/** A deal form naming B's stage, member, company (by name) and contact (by email), one at a time. */
const dealFormsForB: Probes = (a, b) => {
  const base = {
    title: "Isolation deal",
    value: "10",
    expected_close_date: "",
    owner_id: "",
    company: "",
    contact: "",
  };
  return [
    { form: { ...base, stage_id: b.stage }, status: 422 },
    { form: { ...base, stage_id: b.pipelineStage }, status: 422 },
    { form: { ...base, stage_id: a.stage, owner_id: b.ids.member }, status: 422 },
    // Names are matched case-insensitively: the lower-cased name finds B's company if anything does.
    { form: { ...base, stage_id: a.stage, company: b.otherCompanyName.toLowerCase() }, status: 422 },
    { form: { ...base, stage_id: a.stage, contact: b.contactEmail }, status: 422 },
  ];
};

/** List filters: B's member as owner, B's words as search text, B ids as cursor and as the just-deleted record. */
const listFilters = (extra: Record<string, string> = {}): Probes => (_a, b): Probe[] => [
  { query: { ...extra, owner: b.ids.member, q: b.words } },
  { query: { ...extra, q: b.words } },
  { query: { ...extra, q: "sentinel", after: b.ids.company, deleted: b.ids.company } },
];

/** CSV exports: everything A may see (none of it B's), and B's member, words and pipeline as filters. */
const exportFilters = (extra: Record<string, string> = {}): Probes => (a, b): Probe[] => [
  { query: extra },
  ...listFilters(extra)(a, b),
  { query: { ...extra, pipeline: b.ids.pipeline, stage: b.stage } },
];

// ---- the public API ----------------------------------------------------------------------------

/** The rule editor with B's stage, member and deal (refused, or a preview that finds nothing), and its own form edits. */
const ruleFormsForB: Probes = (_a, b) => {
  const rule = {
    name: "Iso rule",
    match: "all",
    active: "on",
    trigger_type: "deal.stage_changed",
    "trigger.to_stage_id": b.stage,
    "actions.0.type": "create_task",
    "actions.0.title": "Iso task",
    "actions.0.due_days": "1",
    "actions.0.assignee": b.ids.member,
  };
  return [
    { form: rule, status: 422 },
    { form: { ...rule, "conditions.0.type": "owner", "conditions.0.value": b.ids.member }, status: 422 },
    { form: { ...rule, "actions.0.type": "send_email", preview: "0", preview_record: b.ids.deal }, status: 200 },
    { form: { ...rule, new_action: "move_stage", add_action: "1" }, status: 200 },
  ];
};

const api = (param: Kind | undefined, methods: ApiRoute["methods"]): ApiRoute => ({ scope: "api", param, methods });
/** List filters of the API: B's member as owner, B's words, B's ids as a cursor. */
const apiList = (extra: Record<string, string> = {}): Probes => (_a, b): Probe[] => [
  { query: extra },
  { query: { ...extra, owner: b.ids.member, q: b.words } },
  { query: { ...extra, cursor: `newest.${b.ids.company}` }, status: 400 },
];
const apiOwnerB: Probes = (
  _a,
  b,
) => [{ json: { name: "Iso", first_name: "Iso", owner_id: b.ids.member }, status: 422 }];
const apiPatchOwnerB =
  (field: string): Probes => (_a, b) => [{ json: { [field]: "Iso", owner_id: b.ids.member }, status: 422 }];
const apiDestructive = (json: unknown = {}): Probes => () => [{ json, own: false }];
const TOMORROW_ISO = new Date(Date.now() + 86_400_000).toISOString();

const API_COVERAGE: Record<string, Coverage> = {
  "./routes/api/v1/me.ts": api(undefined, { GET: page }),
  "./routes/api/v1/companies/index.ts": api(undefined, {
    GET: apiList(),
    POST: (_a, b) => [
      { json: { name: "Iso Co", owner_id: b.ids.member }, status: 422 },
    ],
  }),
  "./routes/api/v1/companies/[id]/index.ts": api("company", {
    GET: page,
    PATCH: apiPatchOwnerB("name"),
    DELETE: destructive,
  }),
  "./routes/api/v1/companies/[id]/restore.ts": api("company", { POST: apiDestructive() }),
  "./routes/api/v1/contacts/index.ts": api(undefined, {
    GET: apiList(),
    POST: (_a, b) => [
      { json: { first_name: "Iso", owner_id: b.ids.member }, status: 422 },
      { json: { first_name: "Iso", company_id: b.ids.company }, status: 422 },
    ],
  }),
  "./routes/api/v1/contacts/[id]/index.ts": api("contact", {
    GET: page,
    PATCH: (_a, b) => [{ json: { company_id: b.ids.company }, status: 422 }, ...apiPatchOwnerB("first_name")(_a, b)],
    DELETE: destructive,
  }),
  "./routes/api/v1/contacts/[id]/restore.ts": api("contact", { POST: apiDestructive() }),
  "./routes/api/v1/leads/index.ts": api(undefined, { GET: apiList({ status: "all" }), POST: apiOwnerB }),
  "./routes/api/v1/leads/[id]/index.ts": api("lead", { GET: page, PATCH: apiPatchOwnerB("name"), DELETE: destructive }),
  "./routes/api/v1/leads/[id]/restore.ts": api("lead", { POST: apiDestructive() }),
  "./routes/api/v1/leads/[id]/qualify.ts": api("lead", { POST: apiDestructive() }),
  "./routes/api/v1/leads/[id]/disqualify.ts": api("lead", { POST: apiDestructive({ reason: "isolation" }) }),
  // A's own conversion is probed by the app's route (the same lib function): this one runs on B's lead only.
  "./routes/api/v1/leads/[id]/convert.ts": api("lead", {
    POST: apiDestructive({ deal_title: "Converted", value_minor: 10 }),
  }),
  "./routes/api/v1/deals/index.ts": api(undefined, {
    GET: (a, b) => [
      ...apiList({ status: "all" })(a, b),
      { query: { pipeline: b.ids.pipeline, stage: b.pipelineStage } },
      { query: { stage: b.stage, status: "open" } },
    ],
    POST: (a, b) => [
      { json: { title: "Iso", stage_id: b.stage }, status: 422 },
      { json: { title: "Iso", stage_id: a.stage, company_id: b.ids.company }, status: 422 },
      { json: { title: "Iso", stage_id: a.stage, contact_id: b.ids.contact }, status: 422 },
      { json: { title: "Iso", stage_id: a.stage, owner_id: b.ids.member }, status: 422 },
    ],
  }),
  "./routes/api/v1/deals/[id]/index.ts": api("deal", {
    GET: page,
    PATCH: (_a, b) => [
      { json: { stage_id: b.stage }, status: 422 },
      { json: { company_id: b.ids.company }, status: 422 },
      ...apiPatchOwnerB("title")(_a, b),
    ],
    DELETE: destructive,
  }),
  "./routes/api/v1/deals/[id]/restore.ts": api("deal", { POST: apiDestructive() }),
  "./routes/api/v1/deals/[id]/move.ts": api("deal", {
    POST: (a, b) => [
      { json: { stage_id: b.stage }, status: 422 },
      { json: { stage_id: a.stage, after_id: b.otherDeal }, status: 409 },
    ],
  }),
  "./routes/api/v1/deals/[id]/won.ts": api("deal", { POST: apiDestructive() }),
  "./routes/api/v1/deals/[id]/lost.ts": api("deal", { POST: apiDestructive({ reason: "isolation" }) }),
  "./routes/api/v1/deals/[id]/reopen.ts": api("deal", { POST: apiDestructive() }),
  "./routes/api/v1/pipelines/index.ts": api(undefined, { GET: page }),
  "./routes/api/v1/pipelines/[id].ts": api("pipeline", { GET: page }),
  "./routes/api/v1/members/index.ts": api(undefined, { GET: page }),
  "./routes/api/v1/members/[id].ts": api("member", { GET: page }),
  "./routes/api/v1/activities/index.ts": api(undefined, {
    GET: (
      _a,
      b,
    ): Probe[] => [{ query: { record_type: "company", record_id: b.ids.company } }, { query: { type: "task" } }],
    POST: (a, b) => [
      { json: { type: "note", subject: "Iso", record_type: "company", record_id: b.ids.company }, status: 404 },
      {
        json: {
          type: "note",
          subject: "Iso",
          record_type: "company",
          record_id: a.ids.company,
          owner_id: b.ids.member,
        },
        status: 422,
      },
    ],
  }),
  "./routes/api/v1/activities/[id].ts": api("task", { GET: page }),
  "./routes/api/v1/tasks/index.ts": api(undefined, {
    GET: (
      _a,
      b,
    ): Probe[] => [{ query: { owner: b.ids.member, state: "overdue", q: b.words } }, { query: { state: "done" } }],
    POST: (_a, b) => [
      { json: { subject: "Iso", due_at: TOMORROW_ISO, record_type: "deal", record_id: b.ids.deal }, status: 404 },
    ],
  }),
  "./routes/api/v1/tasks/[id]/index.ts": api("task", { GET: page }),
  "./routes/api/v1/tasks/[id]/complete.ts": api("task", { POST: apiDestructive() }),
  "./routes/api/v1/tasks/[id]/reopen.ts": api("task", { POST: apiDestructive() }),
};

const PUBLIC_AUTH = "sign-up and sign-in flow: no org and no session yet; answers alike for any address";

export const COVERAGE: Record<string, Coverage> = {
  ...API_COVERAGE,
  "./routes/api/v1/openapi.json.ts": { scope: "public", reason: "the API's description: the same for anyone" },
  "./routes/api/v1/[...rest].ts": { scope: "public", reason: "a problem+json 404 for paths no API route has" },
  "./routes/docs/api.tsx": { scope: "public", reason: "the API's guide and reference: no tenant data" },
  "./routes/docs/rapidoc.js.ts": { scope: "public", reason: "the reference renderer's script" },
  "./routes/app/[org]/settings/api-keys/_middleware.ts": {
    scope: "framework",
    reason: "admins only, below the org guard: run by every API keys probe",
  },
  "./routes/app/[org]/settings/api-keys/index.tsx": {
    scope: "tenant",
    methods: {
      GET: page,
      POST: (): Probe[] => [{ form: { name: "Isolation key", scope: "read", expires: "30" }, status: 200 }],
    },
  },
  "./routes/app/[org]/settings/api-keys/[id].ts": { scope: "tenant", param: "apikey", methods: { POST: destructive } },
  "./routes/app/[org]/settings/integrations/_middleware.ts": {
    scope: "framework",
    reason: "admins only, below the org guard: run by every integrations probe",
  },
  "./routes/app/[org]/settings/integrations/index.tsx": {
    scope: "tenant",
    methods: {
      GET: page,
      POST: (): Probe[] => [
        { form: { intent: "slack_connect", webhook_url: "http://127.0.0.1:9/isolation" }, status: 303 },
        { form: { intent: "slack_test" }, status: 303 },
      ],
    },
  },
  "./routes/app/[org]/settings/integrations/webhooks/new.tsx": {
    scope: "tenant",
    methods: { GET: page, POST: (): Probe[] => [{ form: { url: "http://127.0.0.1:9/isolation" }, status: 200 }] },
  },
  "./routes/app/[org]/settings/integrations/webhooks/[id]/index.tsx": {
    scope: "tenant",
    param: "webhook",
    methods: {
      GET: page,
      POST: (): Probe[] => [
        { form: { intent: "test" }, status: 303 },
        { form: { intent: "replay_failed", hours: "24" }, status: 303 },
        { form: { intent: "update", url: "http://127.0.0.1:9/isolation", enabled: "on" }, status: 303 },
        { form: { intent: "rotate" }, status: 200 },
      ],
    },
  },
  "./routes/app/[org]/settings/integrations/deliveries/[id].tsx": {
    scope: "tenant",
    param: "delivery",
    methods: { GET: page, POST: (): Probe[] => [{ status: 303 }] },
  },
  "./routes/app/[org]/settings/automation/_middleware.ts": {
    scope: "framework",
    reason: "admins only, below the org guard: run by every automation probe",
  },
  "./routes/app/[org]/settings/automation/index.tsx": { scope: "tenant", methods: { GET: page } },
  "./routes/app/[org]/settings/automation/new.tsx": {
    scope: "tenant",
    methods: { GET: page, POST: ruleFormsForB },
  },
  "./routes/app/[org]/settings/automation/[id]/index.tsx": {
    scope: "tenant",
    param: "rule",
    methods: { GET: page, POST: ruleFormsForB },
  },
  "./routes/app/[org]/settings/automation/[id]/active.ts": {
    scope: "tenant",
    param: "rule",
    methods: { POST: (): Probe[] => [{ form: { active: "on" }, status: 303 }] },
  },
  "./routes/app/[org]/settings/automation/[id]/delete.ts": {
    scope: "tenant",
    param: "rule",
    methods: { POST: destructive },
  },
  "./routes/app/[org]/settings/automation/[id]/test.tsx": {
    scope: "tenant",
    param: "rule",
    methods: {
      GET: page,
      POST: (a, b): Probe[] => [{ form: { record: b.ids.deal }, status: 422 }, { form: { record: a.ids.deal } }],
    },
  },
  "./routes/app/[org]/settings/automation/runs/index.tsx": {
    scope: "tenant",
    methods: {
      GET: (_a, b): Probe[] => [{ status: 200 }, { query: { rule: b.ids.rule } }, { query: { before: b.ids.run } }],
    },
  },
  "./routes/app/[org]/settings/automation/runs/[id]/retry.ts": {
    scope: "tenant",
    param: "run",
    methods: { POST: (): Probe[] => [{ form: { position: "0" }, status: 303 }] },
  },
  "./routes/(auth)/forgot-password.tsx": { scope: "public", reason: PUBLIC_AUTH },
  "./routes/(auth)/invite/[org]/[token].tsx": {
    scope: "public",
    reason: "an invitation found by its secret token within the org its link names; " +
      "the sweep checks B's token does nothing under A's slug",
  },
  "./routes/(auth)/login.tsx": { scope: "public", reason: PUBLIC_AUTH },
  "./routes/(auth)/logout.ts": { scope: "public", reason: "ends the caller's own session" },
  "./routes/(auth)/reset-password.tsx": { scope: "public", reason: PUBLIC_AUTH },
  "./routes/(auth)/signup.tsx": { scope: "public", reason: PUBLIC_AUTH },
  "./routes/(auth)/verify.tsx": { scope: "public", reason: PUBLIC_AUTH },
  "./routes/_404.tsx": { scope: "framework", reason: "the not-found page; every 404 of the sweep renders it" },
  "./routes/_500.tsx": { scope: "framework", reason: "the error page; the sweep fails on any 5xx" },
  "./routes/_app.tsx": { scope: "framework", reason: "the HTML shell of every page" },
  "./routes/account/_middleware.ts": {
    scope: "user",
    reason: "signs the user in for the account pages, which read only the user's own rows",
  },
  "./routes/account/email.tsx": { scope: "user", reason: "the signed-in user's own email; no org" },
  "./routes/account/email/confirm.tsx": { scope: "user", reason: "confirms the user's own email change by token" },
  "./routes/account/index.tsx": {
    scope: "user",
    reason: "the signed-in user's account; the sweep checks A's shows nothing of B",
  },
  "./routes/account/password.tsx": { scope: "user", reason: "the signed-in user's own password" },
  "./routes/account/sessions.ts": { scope: "user", reason: "ends the signed-in user's own other sessions" },
  "./routes/api/jobs/run.ts": {
    scope: "public",
    reason: "QStash's signed delivery of a job: the job, and so its org, come from the signed body only",
  },
  "./routes/api/jobs/sweep.ts": {
    scope: "public",
    reason: "QStash's signed schedule: republishes every org's lost jobs, answers with a count only",
  },
  "./routes/api/stripe/webhook.ts": {
    scope: "public",
    reason: "Stripe-signed events: the org comes from the signed event (its customer), never from the caller",
  },
  "./routes/app/[org]/_layout.tsx": {
    scope: "framework",
    reason: "the shell of every /app/[org] page (org name, switcher): rendered by every probe below",
  },
  "./routes/app/[org]/_middleware.ts": {
    scope: "framework",
    reason: "the guard of every /app/[org] route: each probe below also runs with B's slug (404) and without a session",
  },
  "./routes/app/[org]/companies/[id]/delete.ts": { scope: "tenant", param: "company", methods: { POST: destructive } },
  "./routes/app/[org]/companies/[id]/edit.tsx": {
    scope: "tenant",
    param: "company",
    methods: {
      GET: page,
      POST: (_a, b): Probe[] => [{
        form: { name: "Alpha Co", domain: "", industry: "", phone: "", city: "", owner_id: b.ids.member },
        status: 422,
      }],
    },
  },
  "./routes/app/[org]/companies/[id]/index.tsx": {
    scope: "tenant",
    param: "company",
    methods: { GET: page, POST: activityForB },
  },
  "./routes/app/[org]/companies/[id]/restore.ts": { scope: "tenant", param: "company", methods: { POST: destructive } },
  "./routes/app/[org]/companies/deleted.tsx": { scope: "tenant", methods: { GET: page } },
  "./routes/app/[org]/companies/export.ts": { scope: "tenant", methods: { GET: exportFilters() } },
  "./routes/app/[org]/companies/index.tsx": { scope: "tenant", methods: { GET: listFilters() } },
  "./routes/app/[org]/companies/new.tsx": {
    scope: "tenant",
    methods: {
      GET: page,
      POST: (_a, b): Probe[] => [{ form: { name: "Isolation Co", owner_id: b.ids.member }, status: 422 }],
    },
  },
  "./routes/app/[org]/contacts/[id]/delete.ts": { scope: "tenant", param: "contact", methods: { POST: destructive } },
  "./routes/app/[org]/contacts/[id]/edit.tsx": {
    scope: "tenant",
    param: "contact",
    methods: {
      GET: page,
      POST: (_a, b): Probe[] => [
        { form: { first_name: "Carl", owner_id: b.ids.member }, status: 422 },
        // B's company by name: A gets a company of its own, B's stays unlinked.
        { form: { first_name: "Carl", company_name: b.companyName.toLowerCase(), owner_id: "" }, status: 303 },
      ],
    },
  },
  "./routes/app/[org]/contacts/[id]/index.tsx": {
    scope: "tenant",
    param: "contact",
    methods: { GET: page, POST: activityForB },
  },
  "./routes/app/[org]/contacts/[id]/restore.ts": { scope: "tenant", param: "contact", methods: { POST: destructive } },
  "./routes/app/[org]/contacts/deleted.tsx": { scope: "tenant", methods: { GET: page } },
  "./routes/app/[org]/contacts/export.ts": { scope: "tenant", methods: { GET: exportFilters() } },
  "./routes/app/[org]/contacts/index.tsx": { scope: "tenant", methods: { GET: listFilters() } },
  "./routes/app/[org]/contacts/new.tsx": {
    scope: "tenant",
    methods: {
      GET: (_a, b): Probe[] => [{ query: { company: b.ids.company } }],
      POST: (_a, b): Probe[] => [
        { form: { first_name: "Cora", owner_id: b.ids.member }, status: 422 },
        { form: { first_name: "Cora", company_name: b.companyName.toLowerCase(), owner_id: "" }, status: 303 },
      ],
    },
  },
  "./routes/app/[org]/customers/index.tsx": {
    scope: "tenant",
    methods: { GET: (_a, b): Probe[] => [{}, { query: { kind: "contacts", after: b.ids.deal } }] },
  },
  "./routes/app/[org]/deals/[id]/delete.ts": { scope: "tenant", param: "deal", methods: { POST: destructive } },
  "./routes/app/[org]/deals/[id]/edit.tsx": {
    scope: "tenant",
    param: "deal",
    methods: { GET: page, POST: dealFormsForB },
  },
  "./routes/app/[org]/deals/[id]/index.tsx": {
    scope: "tenant",
    param: "deal",
    methods: { GET: page, POST: activityForB },
  },
  "./routes/app/[org]/deals/[id]/move.ts": {
    scope: "tenant",
    param: "deal",
    methods: {
      POST: (a, b): Probe[] => [
        { json: { stageId: b.stage }, status: 422 },
        { json: { stageId: a.stage, afterId: b.otherDeal }, status: 409 },
        { json: { stageId: a.stage, beforeId: b.otherDeal }, status: 409 },
        // The form (no JavaScript) path answers with a redirect back to A's board.
        { form: { stageId: b.stage, return: `/app/${a.slug}/deals` }, status: 303, bStatus: 303 },
      ],
    },
  },
  "./routes/app/[org]/deals/[id]/outcome.ts": {
    scope: "tenant",
    param: "deal",
    methods: { POST: (): Probe[] => [{ json: { outcome: "lost", reason: "isolation" }, own: false }] },
  },
  "./routes/app/[org]/deals/[id]/restore.ts": { scope: "tenant", param: "deal", methods: { POST: destructive } },
  "./routes/app/[org]/deals/column.ts": {
    scope: "tenant",
    methods: {
      GET: (a, b): Probe[] => [
        { query: { stage: b.stage, after: `0~${b.ids.deal}` }, status: 404 },
        { query: { stage: b.pipelineStage, after: `-1000~${b.ids.deal}` }, status: 404 },
        { query: { stage: a.stage, after: `-1000~${b.ids.deal}`, owner: b.ids.member }, status: 200 },
        { query: { stage: a.stage, after: `-1000~${b.ids.deal}`, q: b.words }, status: 200 },
      ],
    },
  },
  "./routes/app/[org]/deals/deleted.tsx": { scope: "tenant", methods: { GET: page } },
  "./routes/app/[org]/deals/index.tsx": {
    scope: "tenant",
    methods: {
      GET: (_a, b): Probe[] => [
        { query: { pipeline: b.ids.pipeline }, status: 404 },
        { query: { owner: b.ids.member, q: b.words }, status: 200 },
        { query: { q: "sentinel" }, status: 200 },
      ],
    },
  },
  "./routes/app/[org]/deals/export.ts": { scope: "tenant", methods: { GET: exportFilters({ status: "all" }) } },
  "./routes/app/[org]/deals/list.tsx": {
    scope: "tenant",
    methods: {
      GET: (_a, b): Probe[] => [
        { query: { pipeline: b.ids.pipeline, stage: b.pipelineStage, status: "all" } },
        { query: { stage: b.stage, status: "all", owner: b.ids.member, q: b.words } },
        { query: { status: "all", q: "sentinel" } },
      ],
    },
  },
  "./routes/app/[org]/deals/new.tsx": {
    scope: "tenant",
    methods: {
      GET: (_a, b): Probe[] => [{ query: { pipeline: b.ids.pipeline, stage: b.pipelineStage }, status: 200 }],
      POST: dealFormsForB,
    },
  },
  "./routes/app/[org]/index.tsx": { scope: "tenant", methods: { GET: page } },
  "./routes/app/[org]/leads/[id]/convert.tsx": {
    scope: "tenant",
    param: "lead",
    methods: {
      // A's spare lead has B's contact's email (at B's company's domain) and B's company's name: converting it
      // must reuse neither.
      GET: (a): Probe[] => [{ ownId: a.spareLead, status: 200 }],
      POST: (a): Probe[] => [{ ownId: a.spareLead, form: { deal_title: "Converted", value: "10" }, status: 303 }],
    },
  },
  "./routes/app/[org]/leads/[id]/delete.ts": { scope: "tenant", param: "lead", methods: { POST: destructive } },
  "./routes/app/[org]/leads/[id]/disqualify.tsx": {
    scope: "tenant",
    param: "lead",
    methods: { GET: page, POST: (): Probe[] => [{ form: { reason: "isolation" }, own: false }] },
  },
  "./routes/app/[org]/leads/[id]/edit.tsx": {
    scope: "tenant",
    param: "lead",
    methods: { GET: page, POST: (_a, b): Probe[] => [{ form: { name: "Lee", owner_id: b.ids.member }, status: 422 }] },
  },
  "./routes/app/[org]/leads/[id]/index.tsx": {
    scope: "tenant",
    param: "lead",
    methods: { GET: page, POST: activityForB },
  },
  "./routes/app/[org]/leads/[id]/qualify.ts": { scope: "tenant", param: "lead", methods: { POST: destructive } },
  "./routes/app/[org]/leads/[id]/restore.ts": { scope: "tenant", param: "lead", methods: { POST: destructive } },
  "./routes/app/[org]/leads/deleted.tsx": { scope: "tenant", methods: { GET: page } },
  "./routes/app/[org]/leads/export.ts": { scope: "tenant", methods: { GET: exportFilters({ status: "all" }) } },
  "./routes/app/[org]/leads/index.tsx": { scope: "tenant", methods: { GET: listFilters({ status: "all" }) } },
  "./routes/app/[org]/leads/new.tsx": {
    scope: "tenant",
    methods: { GET: page, POST: (_a, b): Probe[] => [{ form: { name: "Lee", owner_id: b.ids.member }, status: 422 }] },
  },
  "./routes/app/[org]/reports/export.ts": {
    scope: "tenant",
    methods: {
      GET: (_a, b): Probe[] => [
        { query: { chart: "reps-revenue" } },
        { query: { chart: "lost", owner: b.ids.member, team: b.words } },
        { query: { chart: "pipeline", pipeline: b.ids.pipeline }, status: 404 },
      ],
    },
  },
  "./routes/app/[org]/reports/index.tsx": {
    scope: "tenant",
    methods: {
      GET: (_a, b): Probe[] => [
        {},
        { query: { pipeline: b.ids.pipeline }, status: 404 },
        { query: { owner: b.ids.member, team: b.words, range: "this_quarter" } },
      ],
    },
  },
  "./routes/app/[org]/search/index.tsx": {
    scope: "tenant",
    methods: {
      GET: (_a, b): Probe[] => [
        { query: { q: "sentinel" } },
        { query: { q: b.words } },
        { query: { q: b.contactEmail } },
        { query: { q: b.companyDomain } },
      ],
    },
  },
  "./routes/app/[org]/settings/audit.tsx": {
    scope: "tenant",
    methods: { GET: (_a, b): Probe[] => [{ status: 200 }, { query: { before: b.auditId }, status: 200 }] },
  },
  "./routes/app/[org]/settings/jobs/index.tsx": {
    scope: "tenant",
    methods: { GET: (_a, b): Probe[] => [{ status: 200 }, { query: { before: b.ids.job }, status: 200 }] },
  },
  "./routes/app/[org]/settings/data/_middleware.ts": {
    scope: "framework",
    reason: "admins only, below the org guard: run by every data probe",
  },
  // The export everything form answers A's owner with A's zip, which the sweep unzips to look for B's sentinel.
  "./routes/app/[org]/settings/data/index.tsx": { scope: "tenant", methods: { GET: page, POST: page } },
  "./routes/app/[org]/settings/data/exports/[id].ts": {
    scope: "tenant",
    param: "export",
    methods: { GET: (): Probe[] => [{ status: 200 }] },
  },
  "./routes/app/[org]/settings/jobs/[id]/retry.ts": {
    scope: "tenant",
    param: "job",
    methods: { POST: (): Probe[] => [{ status: 303 }] },
  },
  "./routes/app/[org]/settings/billing/checkout.ts": {
    scope: "tenant",
    methods: { POST: (): Probe[] => [{ form: { plan: "pro" } }] },
  },
  "./routes/app/[org]/settings/billing/index.tsx": { scope: "tenant", methods: { GET: page } },
  "./routes/app/[org]/settings/billing/plan.ts": {
    scope: "tenant",
    methods: { POST: (): Probe[] => [{ form: { plan: "business" } }] },
  },
  "./routes/app/[org]/settings/billing/portal.ts": { scope: "tenant", methods: { POST: page } },
  "./routes/app/[org]/settings/billing/seats.ts": { scope: "tenant", methods: { POST: page } },
  "./routes/app/[org]/settings/web-form.tsx": { scope: "tenant", methods: { GET: page } },
  "./routes/app/[org]/settings/delete.tsx": {
    scope: "tenant",
    methods: {
      GET: page,
      POST: (_a, b): Probe[] => [{ form: { confirm: b.orgName.toLowerCase() }, status: 422 }],
    },
  },
  "./routes/app/[org]/settings/index.tsx": {
    scope: "tenant",
    methods: {
      GET: page,
      // B's slug: taken.
      POST: (a, b): Probe[] => [{
        form: { name: a.orgName, slug: b.slug, visibility: "all", rotting_days: "30" },
        status: 422,
      }],
    },
  },
  "./routes/app/[org]/settings/members/[userId].tsx": {
    scope: "tenant",
    param: "member",
    methods: {
      GET: page,
      POST: (_a, b): Probe[] => [
        { form: { intent: "remove", reassign_to: b.ids.member }, status: 422 },
        { form: { intent: "role", role: "ADMIN" }, own: false },
        { form: { intent: "team", team: "Spies" }, own: false },
      ],
    },
  },
  "./routes/app/[org]/settings/members/index.tsx": {
    scope: "tenant",
    methods: {
      GET: page,
      // Inviting B's member to A is allowed; it makes an invitation in A and changes nothing in B.
      POST: (_a, b): Probe[] => [{ form: { email: b.memberEmail, role: "MEMBER" }, status: 303 }],
    },
  },
  "./routes/app/[org]/settings/members/invitations/[id].ts": {
    scope: "tenant",
    param: "invitation",
    methods: { POST: destructive },
  },
  "./routes/app/[org]/settings/members/leave.tsx": {
    scope: "tenant",
    methods: {
      GET: page,
      POST: (_a, b): Probe[] => [{ as: "admin", form: { reassign_to: b.ids.member }, status: 422 }],
    },
  },
  "./routes/app/[org]/settings/pipelines/[id].tsx": {
    scope: "tenant",
    param: "pipeline",
    methods: {
      GET: page,
      POST: (a, b): Probe[] => [
        { form: { intent: "update_stage", stage_id: b.pipelineStage, name: "Renamed", probability: "5" }, status: 404 },
        { form: { intent: "update_stage", stage_id: b.stage, name: "Renamed", probability: "5" }, status: 404 },
        { form: { intent: "move_stage", stage_id: b.pipelineStage, direction: "down" }, status: 404 },
        { form: { intent: "delete_stage", stage_id: b.pipelineStage, target_id: a.pipelineStage }, status: 404 },
        { form: { intent: "delete_stage", stage_id: a.pipelineStage, target_id: b.pipelineStage }, status: 422 },
        { form: { intent: "add_stage", name: "Isolation", probability: "5" }, own: false },
        { form: { intent: "rename", name: "Renamed" }, own: false },
        { form: { intent: "delete_pipeline" }, own: false },
      ],
    },
  },
  "./routes/app/[org]/settings/pipelines/_middleware.ts": {
    scope: "framework",
    reason: "admins only, below the org guard: run by every pipelines probe",
  },
  "./routes/app/[org]/settings/pipelines/index.tsx": {
    scope: "tenant",
    methods: { GET: page, POST: (): Probe[] => [{ form: { name: "Second pipeline" }, status: 303 }] },
  },
  "./routes/app/[org]/settings/transfer.tsx": {
    scope: "tenant",
    methods: { GET: page, POST: (_a, b): Probe[] => [{ form: { user_id: b.ids.member }, status: 422 }] },
  },
  "./routes/app/[org]/notifications/index.tsx": {
    scope: "tenant",
    methods: {
      GET: (_a, b): Probe[] => [{ status: 200 }, { query: { unread: "1", before: b.ids.notification }, status: 200 }],
    },
  },
  "./routes/notifications/count/[org].ts": { scope: "tenant", methods: { GET: (): Probe[] => [{ status: 200 }] } },
  "./routes/app/[org]/notifications/latest.ts": { scope: "tenant", methods: { GET: (): Probe[] => [{ status: 200 }] } },
  "./routes/app/[org]/notifications/read.ts": {
    scope: "tenant",
    methods: {
      POST: (a, b): Probe[] => [
        { form: { id: b.ids.notification, back: `/app/${a.slug}/notifications` }, status: 303 },
        { form: { back: `/app/${a.slug}/notifications` }, status: 303 },
      ],
    },
  },
  "./routes/app/[org]/notifications/preferences.tsx": {
    scope: "tenant",
    methods: {
      GET: page,
      POST: (): Probe[] => [{ form: { assigned: "in_app" }, status: 303 }, { form: { assigned: "x" }, status: 422 }],
    },
  },
  "./routes/app/[org]/tasks/[id]/done.ts": {
    scope: "tenant",
    param: "task",
    methods: { POST: (a): Probe[] => [{ form: { done: "1", back: `/app/${a.slug}/tasks` }, own: false }] },
  },
  "./routes/app/[org]/tasks/index.tsx": {
    scope: "tenant",
    methods: {
      GET: (_a, b): Probe[] => [
        { query: { owner: b.ids.member, state: "overdue", q: b.words } },
        { query: { owner: "", state: "overdue" } },
        { query: { owner: "", state: "done", q: "sentinel" } },
      ],
    },
  },
  "./routes/app/index.tsx": {
    scope: "user",
    reason: "the user's own orgs and creating one: the sweep checks A sees no B and cannot take B's slug",
  },
  "./routes/notifications/unsubscribe.tsx": {
    scope: "public",
    reason: "acts on the org and user its signed token names; a forged token is refused (tests/notifications)",
  },
  "./routes/bench/floor.ts": { scope: "public", reason: "no data; 404 unless BENCH=1" },
  "./routes/dev/mailbox/[id].tsx": {
    scope: "dev",
    reason: "development mailbox: every stored email, to anyone, by design, only without RESEND_API_KEY and " +
      "never in production (a separate test checks it is closed there)",
  },
  "./routes/dev/mailbox/index.tsx": { scope: "dev", reason: "development mailbox list: as /dev/mailbox/[id]" },
  "./routes/f/[org].tsx": {
    scope: "public",
    reason: "the org's public web-to-lead form: the sweep checks a post to A's form creates nothing in B",
  },
  "./routes/healthz.ts": { scope: "public", reason: "liveness: no tenant data" },
  "./routes/index.tsx": { scope: "public", reason: "the landing page: no tenant data" },
  "./routes/pricing.tsx": { scope: "public", reason: "the plans: no tenant data" },
};
