/**
 * Tenant isolation, route by route. Org B holds sentinel data (a unique string in every name and
 * text); org A's owner then requests every route of the manifest (isolation_routes.ts) with B's
 * ids in the path (404), in the query string and in the body, and with B's slug (404) or no
 * session at all (to /login). No answer may be a 5xx or show the sentinel, no row of B may change,
 * and no row outside B may come to point at one of B's. The sweep runs twice: with Postgres
 * row-level security, then with it turned off on every tenant table, so the app's own org filter
 * (OrgScope) is proven alone and RLS as the second wall.
 */
import assert from "node:assert/strict";
import { type Kysely, sql } from "kysely";
import manifest from "@/fresh.gen.ts";
import { APP_ROLE } from "@/db/migrations/0001_platform.ts";
import { TENANT_TABLES } from "@/db/schema.ts";
import { createApiKey, revokeApiKey } from "@/lib/api/keys.ts";
import { audit } from "@/lib/audit/log.ts";
import { saveRule } from "@/lib/automation/rules.ts";
import { recordAuthEvent } from "@/lib/auth/events.ts";
import { type AuthContext, resolveMembership } from "@/lib/auth/guard.ts";
import { createDeal } from "@/lib/deals/deals.ts";
import { setOutcome } from "@/lib/deals/outcome.ts";
import { queueEmail } from "@/lib/email/jobs.ts";
import { exportPath, writeExport } from "@/lib/exports/files.ts";
import { workspaceZip } from "@/lib/exports/zip.ts";
import { createPipeline, getPipeline, renamePipeline } from "@/lib/pipelines/pipelines.ts";
import { addStage } from "@/lib/pipelines/stages.ts";
import { addActivity } from "@/lib/records/activities.ts";
import { createCompany } from "@/lib/records/companies.ts";
import { createContact } from "@/lib/records/contacts.ts";
import { entryStage } from "@/lib/records/default_pipeline.ts";
import { createLead } from "@/lib/records/leads.ts";
import { notify } from "@/lib/notifications/notify.ts";
import { inOrg } from "@/lib/records/records.ts";
import { softDelete } from "@/lib/records/trash.ts";
import { services } from "@/lib/data/services.ts";
import { actorOf, tenantOf } from "@/lib/tenancy/context.ts";
import { createInvitation } from "@/lib/tenancy/invitations.ts";
import { asPlatform, withOrg } from "@/lib/data/scope.ts";
import { connectSlack } from "@/lib/slack/connection.ts";
import { createEndpoint } from "@/lib/webhooks/endpoints.ts";
import { queueTestEvent } from "@/lib/webhooks/queue.ts";
import { asOwner } from "../helpers/db_owner.ts";
import { drainJobs } from "../helpers/jobs.ts";
import { type TestApp, testApp, type TestClient } from "../helpers/app.ts";
import { type OrgFixture, orgWithOwner, type SignedIn } from "../helpers/accounts.ts";
import { apiClient } from "../helpers/api.ts";
import { unzipText } from "../helpers/zip.ts";
import { freshIp } from "../helpers/auth.ts";
import {
  COVERAGE,
  type Kind,
  type Method,
  type Probe,
  type Probes,
  routeMethods,
  routePath,
  type World,
} from "./isolation_routes.ts";

const ORIGIN = "http://localhost:8000";
const DAY = 86_400_000;

interface Org {
  world: World;
  owner: OrgFixture;
  admin?: SignedIn;
  auth: AuthContext;
  /** Users who belong to this org only. */
  userIds: string[];
  /** The token of the org's pending invitation. */
  inviteToken: string;
  /** A key of the org's owner. */
  apiToken: string;
}

const db = () => services().db as unknown as Kysely<unknown>;

async function authOf(fx: OrgFixture): Promise<AuthContext> {
  return await resolveMembership({ ...fx.user, emailVerified: true, sessionHash: "" }, fx.org.slug);
}

/** The org's newest job (its invitation's email), made dead with `error` as the last error an admin reads. */
async function deadJob(orgId: string, error: string): Promise<string> {
  return await asOwner(db(), async (owner) => {
    const { rows: [job] } = await sql<{ id: string }>`
      UPDATE jobs SET status = 'dead', attempts = max_attempts, last_error = ${error}
      WHERE id = (SELECT max(id::text)::uuid FROM jobs WHERE org_id = ${orgId}) RETURNING id`.execute(owner);
    return job.id;
  });
}

/** A built export of everything in the org, its zip on disk as the export job writes it. */
async function builtExport(auth: AuthContext): Promise<string> {
  const { id } = await withOrg(
    tenantOf(auth),
    (q) =>
      q.insertInto("exports", { requested_by: auth.user.id, records: 0, status: "done" }).returning("id")
        .executeTakeFirstOrThrow(),
  );
  await writeExport(exportPath(auth.org.id, id), workspaceZip(auth));
  return id;
}

async function firstId(orgId: string, table: "invitations" | "audit_log" | "notifications"): Promise<string> {
  return await withOrg({ orgId }, async (q) => {
    const row = await q.selectFrom(table).select("id").orderBy("id", "desc").executeTakeFirstOrThrow();
    return row.id;
  });
}

/** A webhook endpoint (`name` in its description, URL and test event), a delivery with an attempt, Slack. */
async function webhooksOf(tenant: { orgId: string; userId: string }, name: string) {
  const actor = { id: tenant.userId, role: "OWNER" as const };
  const ids = await withOrg(tenant, async (q) => {
    const endpoint = await createEndpoint(q, actor, {
      url: `http://127.0.0.1:9/${encodeURIComponent(name)}`,
      description: `${name} endpoint`,
      event_types: [],
      enabled: true,
    });
    await connectSlack(q, actor, { webhook_url: `http://127.0.0.1:9/slack/${name}`, channel_label: `#${name}` });
    const delivery = await queueTestEvent(q, endpoint.id, { id: tenant.orgId, name: `${name} org` });
    return { webhook: endpoint.id, delivery: delivery! };
  });
  await drainJobs(); // the attempt fails (nothing listens on port 9) and is logged; a retry is scheduled
  return ids;
}

/** A rule of the org (named with `label`) and a run of it whose one action failed (the run log's retry). */
async function automationOf(auth: AuthContext, label: string, stage: string, deal: string) {
  return await withOrg(tenantOf(auth), async (q) => {
    const saved = await saveRule(q, actorOf(auth, "10.9.9.9"), null, {
      name: `${label} rule`,
      match: "all",
      active: "on",
      trigger_type: "deal.stage_changed",
      "trigger.to_stage_id": stage,
      "actions.0.type": "send_email",
      "actions.0.to": "address",
      "actions.0.address": `rules@${label.toLowerCase()}.example`,
      "actions.0.subject": `${label} subject`,
      "actions.0.body": label,
    });
    if (!saved.ok) throw new Error(`${label}'s rule: ${JSON.stringify(saved.errors)}`);
    const run = await q.insertInto("automation_runs", {
      rule_id: saved.id,
      event_id: crypto.randomUUID(),
      event_label: `${label} moved`,
      record_type: "deal",
      record_id: deal,
      status: "failed",
      finished_at: new Date(),
    }).returning("id").executeTakeFirstOrThrow();
    await q.insertInto("automation_action_results", {
      run_id: run.id,
      position: 0,
      type: "send_email",
      status: "failed",
      error: `${label} refused`,
    }).execute();
    return { rule: saved.id, run: run.id };
  });
}

/** A notification for `recipientId` (in the bell and the inbox), made through the one notify path. */
async function notificationFor(orgId: string, recipientId: string, actorId: string, title: string): Promise<string> {
  await withOrg({ orgId }, (q) => notify(q, { recipientId, actorId, type: "mention", title, key: "isolation" }));
  return await firstId(orgId, "notifications");
}

/** Org B: the sentinel in every name and text it has, in every tenant table. */
async function makeB(app: TestApp, S: string): Promise<Org> {
  const low = S.toLowerCase();
  const fx = await orgWithOwner(app, `Beta ${S}`);
  const owner_id = fx.user.id;
  await services().db.updateTable("users").set({ name: `Bob ${S}` }).where("id", "=", owner_id).execute();
  const member = await fx.addMember("MEMBER", `Bea ${S}`);
  const auth = await authOf(fx);
  const orgId = fx.org.id;

  const companyName = `${S} Industries`;
  const companyDomain = `${low}.example`;
  const contactEmail = `sam@${companyDomain}`;
  const company = await createCompany(auth, {
    name: companyName,
    domain: companyDomain,
    industry: S,
    phone: null,
    city: S,
    owner_id,
  });
  const contact = await createContact(auth, {
    first_name: "Sam",
    last_name: S,
    email: contactEmail,
    phone: null,
    title: S,
    company_name: companyName,
    owner_id,
  });
  const lead = await createLead(auth, {
    name: `Lea ${S}`,
    email: `lea.${low}@leads.example`,
    phone: null,
    company_name: `${S} Leads Ltd`,
    message: S,
    owner_id,
  });
  const deals = await inOrg(auth, async (q) => {
    const entry = await entryStage(q);
    await renamePipeline(q, entry.pipelineId, `${S} Sales`);
    await addStage(q, entry.pipelineId, { name: `${S} Stage`, probability: 50 });
    const input = {
      value: 1_234_500,
      expected_close_date: null,
      owner_id,
      company: companyName,
      contact: contactEmail,
    };
    const deal = await createDeal(q, auth, { ...input, title: `${S} Deal`, stage_id: entry.stageId });
    const won = await createDeal(q, auth, { ...input, title: `${S} Won Deal`, stage_id: entry.stageId });
    await setOutcome(q, auth, won.id, { outcome: "won" });
    const extra = await createPipeline(q, `${S} Pipeline`);
    const { stages } = await getPipeline(q, extra.id);
    const other = await createDeal(q, auth, { ...input, title: `${S} Other Deal`, stage_id: stages[0].id });
    const gone = await createDeal(q, auth, { ...input, title: `${S} Deleted Deal`, stage_id: entry.stageId });
    return {
      stage: entry.stageId,
      pipeline: extra.id,
      pipelineStage: stages[0].id,
      deal: deal.id,
      other: other.id,
      gone: gone.id,
    };
  });
  const otherCompanyName = `${S} Holdings`;
  await createCompany(auth, {
    name: otherCompanyName,
    domain: null,
    industry: null,
    phone: null,
    city: null,
    owner_id,
  });
  await addActivity(auth, "company", company, { type: "note", subject: `${S} note`, body: S, due_at: null, owner_id });
  const task = await addActivity(auth, "deal", deals.deal, {
    type: "task",
    subject: `${S} task`,
    body: S,
    due_at: new Date(Date.now() - DAY).toISOString().slice(0, 16),
    owner_id,
  });

  // Recently deleted, one of each (the trash lists).
  const deleted = {
    company: await createCompany(auth, {
      name: `${S} Deleted Co`,
      domain: null,
      industry: null,
      phone: null,
      city: null,
      owner_id,
    }),
    contact: await createContact(auth, {
      first_name: "Del",
      last_name: S,
      email: null,
      phone: null,
      title: null,
      company_name: null,
      owner_id,
    }),
    lead: await createLead(auth, {
      name: `Deleted ${S}`,
      email: null,
      phone: null,
      company_name: null,
      message: null,
      owner_id,
    }),
    deal: deals.gone,
  };
  for (const [type, id] of Object.entries(deleted)) await softDelete(auth, type as keyof typeof deleted, id);

  const message = await withOrg(
    tenantOf(auth),
    (q) =>
      createInvitation(q, actorOf(auth, "10.9.9.9"), fx.org, {
        email: `invitee.${low}@invites.example`,
        role: "MEMBER",
      }),
  );
  const job = await deadJob(orgId, `EmailNotSent: Resend refused the email to invitee.${low}@invites.example`);
  const token = decodeURIComponent(message.text.match(/\/invite\/[^/\s]+\/(\S+)/)![1]);
  await withOrg(tenantOf(auth), async (q) => {
    await audit(q, {
      actorId: owner_id,
      action: "org.settings_changed",
      target: S,
      detail: { name: { from: "Beta", to: S } },
      ip: "10.9.9.9",
    });
    await q.insertInto("attachments", {
      record_type: "company",
      record_id: company,
      file_name: `${S}.pdf`,
      content_type: "application/pdf",
      size_bytes: 1234,
      storage_key: `attachments/${low}.pdf`,
      uploaded_by: owner_id,
    }).execute();
    await q.insertInto("org_billing", { stripe_customer_id: `cus_${S}` }).execute();
  });
  await recordAuthEvent({
    userId: owner_id,
    email: fx.user.email,
    action: "login",
    meta: { ip: "10.9.9.9", userAgent: `${S} browser` },
  });
  // B's own API use: a key with the sentinel in its name, a month's count and an idempotency entry.
  const bKey = await withOrg(
    { orgId, userId: owner_id },
    (q) =>
      createApiKey(q, { id: owner_id, role: "OWNER", ip: "10.9.9.9" }, {
        name: `${S} key`,
        scope: "write",
        expires: "never",
      }),
  );
  const created = await apiClient(app, bKey.token).post("/companies", { name: `${S} Api Co` }, {
    "idempotency-key": `${S}-key`,
  });
  if (created.status !== 201) throw new Error(`B's API key: ${created.status}`);

  return {
    world: {
      slug: fx.org.slug,
      orgId,
      orgName: fx.org.name,
      ids: {
        company,
        contact,
        lead,
        deal: deals.deal,
        task,
        pipeline: deals.pipeline,
        member: member.user.id,
        invitation: await firstId(orgId, "invitations"),
        job,
        apikey: bKey.id,
        ...await webhooksOf({ orgId, userId: owner_id }, S),
        ...await automationOf(auth, S, deals.stage, deals.deal),
        notification: await notificationFor(orgId, owner_id, member.user.id, `${S} mentioned you`),
        export: await builtExport(auth),
      },
      stage: deals.stage,
      pipelineStage: deals.pipelineStage,
      memberEmail: member.user.email,
      contactEmail,
      companyName,
      otherCompanyName,
      companyDomain,
      otherDeal: deals.other,
      auditId: await firstId(orgId, "audit_log"),
      words: low,
      spareLead: lead,
    },
    owner: fx,
    auth,
    userIds: [owner_id, member.user.id],
    inviteToken: token,
    apiToken: bKey.token,
  };
}

/** Org A, made afresh for each sweep: one resource of each kind, an admin and a member. */
async function makeA(app: TestApp, b: World): Promise<Org> {
  const tag = crypto.randomUUID().slice(0, 6);
  const fx = await orgWithOwner(app, `Alpha ${tag}`);
  const admin = await fx.addMember("ADMIN", "Ada Admin");
  const member = await fx.addMember("MEMBER", "Max Member");
  const auth = await authOf(fx);
  const owner_id = fx.user.id;
  const domain = `alpha-${tag}.example`;
  const contactEmail = `carl@${domain}`;
  const company = await createCompany(auth, {
    name: "Alpha Co",
    domain,
    industry: null,
    phone: null,
    city: null,
    owner_id,
  });
  const contact = await createContact(auth, {
    first_name: "Carl",
    last_name: "Alpha",
    email: contactEmail,
    phone: null,
    title: null,
    company_name: "Alpha Co",
    owner_id,
  });
  const lead = await createLead(auth, {
    name: "Lee Alpha",
    email: `lee@${domain}`,
    phone: null,
    company_name: "Alpha Co",
    message: null,
    owner_id,
  });
  // B's contact's email (at B's company's domain) and B's company's name: converting it must reuse neither.
  const spareLead = await createLead(auth, {
    name: "Buyer Person",
    email: b.contactEmail,
    phone: null,
    company_name: b.companyName.toLowerCase(),
    message: null,
    owner_id,
  });
  const { stage, pipeline, deal } = await inOrg(auth, async (q) => {
    const entry = await entryStage(q);
    const deal = await createDeal(q, auth, {
      title: "Alpha Deal",
      value: 100,
      expected_close_date: null,
      owner_id,
      company: "Alpha Co",
      contact: contactEmail,
      stage_id: entry.stageId,
    });
    return { stage: entry.stageId, pipeline: entry.pipelineId, deal: deal.id };
  });
  const task = await addActivity(auth, "deal", deal, {
    type: "task",
    subject: "Alpha task",
    body: null,
    due_at: new Date(Date.now() + DAY).toISOString().slice(0, 16),
    owner_id,
  });
  await withOrg(
    tenantOf(auth),
    (q) =>
      createInvitation(q, actorOf(auth, "127.0.0.1"), fx.org, {
        email: `invitee-${tag}@alpha.example`,
        role: "MEMBER",
      }),
  );
  const aKey = await withOrg(
    tenantOf(auth),
    (q) => createApiKey(q, actorOf(auth, "127.0.0.1"), { name: "Alpha key", scope: "write", expires: "never" }),
  );
  return {
    world: {
      slug: fx.org.slug,
      orgId: fx.org.id,
      orgName: fx.org.name,
      ids: {
        company,
        contact,
        lead,
        deal,
        task,
        pipeline,
        member: member.user.id,
        invitation: await firstId(fx.org.id, "invitations"),
        job: await deadJob(fx.org.id, "EmailNotSent: Resend refused the email"),
        apikey: aKey.id,
        ...await webhooksOf({ orgId: fx.org.id, userId: auth.user.id }, "Alpha"),
        ...await automationOf(auth, "Alpha", stage, deal),
        notification: await notificationFor(fx.org.id, owner_id, member.user.id, "Alpha mention"),
        export: await builtExport(auth),
      },
      stage,
      pipelineStage: stage,
      memberEmail: member.user.email,
      contactEmail,
      companyName: "Alpha Co",
      otherCompanyName: "Alpha Co",
      companyDomain: domain,
      otherDeal: deal,
      auditId: await firstId(fx.org.id, "audit_log"),
      words: "alpha",
      spareLead,
    },
    owner: fx,
    admin,
    auth,
    userIds: [owner_id, admin.user.id, member.user.id],
    inviteToken: "",
    apiToken: aKey.token,
  };
}

function requestInit(method: Method, p: Probe, token?: string): RequestInit {
  const headers = new Headers({ origin: ORIGIN });
  if (token) headers.set("authorization", `Bearer ${token}`);
  let body: string | undefined;
  if (p.json !== undefined) {
    headers.set("content-type", "application/json");
    headers.set("accept", "application/json");
    body = JSON.stringify(p.json);
  } else if (method !== "GET") {
    headers.set("content-type", "application/x-www-form-urlencoded");
    body = new URLSearchParams(p.form ?? {}).toString();
  }
  return { method, headers, body };
}

const withQuery = (path: string, query?: Record<string, string>) =>
  query && Object.keys(query).length ? `${path}?${new URLSearchParams(query)}` : path;

// ---------------------------------------------------------------------------------------------
// B's state, read as the database owner (neither RLS nor the app's filter in the way)

type State = Map<string, string[]>;

async function stateOf(b: Org): Promise<State> {
  return await asOwner(db(), async (owner) => {
    const state: State = new Map();
    const put = (name: string, rows: unknown[]) => state.set(name, rows.map((r) => JSON.stringify(r)).sort());
    for (const table of TENANT_TABLES) {
      put(table, (await sql`SELECT * FROM ${sql.table(table)} WHERE org_id = ${b.world.orgId}`.execute(owner)).rows);
    }
    put("orgs", (await sql`SELECT * FROM orgs WHERE id = ${b.world.orgId}`.execute(owner)).rows);
    put(
      "users",
      (await sql`SELECT id, email, name, password_hash, email_verified_at FROM users
        WHERE id IN (${sql.join(b.userIds)})`.execute(owner)).rows,
    );
    return state;
  });
}

function stateDiff(before: State, after: State): string | null {
  const changes: string[] = [];
  for (const [name, rows] of after) {
    const was = before.get(name) ?? [];
    const added = rows.filter((r) => !was.includes(r));
    const removed = was.filter((r) => !rows.includes(r));
    if (added.length || removed.length) {
      changes.push(
        `${name}: ${removed.length} rows gone or changed, ${added.length} new or changed: ` +
          [...removed.map((r) => `- ${r}`), ...added.map((r) => `+ ${r}`)].join(" ").slice(0, 600),
      );
    }
  }
  return changes.length ? changes.join("; ") : null;
}

/** Every id of B's rows and users (and B's org id). */
function idsOf(state: State, b: Org): string[] {
  const ids = new Set([b.world.orgId, ...b.userIds]);
  for (const [name, rows] of state) {
    if (name === "users" || name === "orgs") continue;
    for (const row of rows) {
      const { id } = JSON.parse(row) as { id?: string };
      if (id) ids.add(id);
    }
  }
  return [...ids];
}

/** Rows of other orgs that mention one of B's ids (a deal of A on B's company, a task assigned to B's member…). */
async function crossReferences(bIds: string[], bOrgId: string): Promise<string[]> {
  return await asOwner(db(), async (owner) => {
    const found: string[] = [];
    for (const table of TENANT_TABLES) {
      const { rows } = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)} WHERE org_id <> ${bOrgId}`
        .execute(owner);
      for (const row of rows) {
        const json = JSON.stringify(row);
        const id = bIds.find((i) => json.includes(i));
        if (id) found.push(`${table} row of org ${row.org_id} refers to B's ${id}: ${json.slice(0, 400)}`);
      }
    }
    return found;
  });
}

/** What the app role sees of a table outside any tenant transaction. */
async function appRoleSees(table: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(db());
  return rows[0].n;
}

async function disableRls() {
  await asOwner(db(), async (owner) => {
    for (const table of TENANT_TABLES) {
      await sql`ALTER TABLE ${sql.table(table)} NO FORCE ROW LEVEL SECURITY`.execute(owner);
      await sql`ALTER TABLE ${sql.table(table)} DISABLE ROW LEVEL SECURITY`.execute(owner);
    }
  });
}

// ---------------------------------------------------------------------------------------------
// The sweep

class Sweep {
  readonly failures: string[] = [];
  requests = 0;
  constructor(readonly sentinel: string) {}

  /** Sends one request; records a 5xx, a sentinel anywhere in the answer, or what `check` objects to. */
  async send(
    client: TestClient,
    who: string,
    method: Method,
    path: string,
    p: Probe,
    check: (res: Response) => string | null,
    token?: string,
  ): Promise<Response> {
    const url = withQuery(path, p.query);
    // Requests without a working key come from an address of their own: each address may fail only so often.
    const res = await client.fetch(url, { ...requestInit(method, p, token), remoteAddr: freshIp() });
    this.requests++;
    // A zip (the workspace export) is looked into: its deflated files would hide the sentinel.
    const text = res.headers.get("content-type") === "application/zip"
      ? Object.values(await unzipText(res)).join("\n")
      : await res.text();
    const where = `${who}: ${method} ${url}${p.form ? ` ${new URLSearchParams(p.form)}` : ""}` +
      `${p.json ? ` ${JSON.stringify(p.json)}` : ""} → ${res.status}`;
    if (res.status >= 500) this.failures.push(`${where}: server error ${text.slice(0, 200)}`);
    const objection = check(res);
    if (objection) this.failures.push(`${where}: ${objection}`);
    const inHeaders = [...res.headers].some(([, v]) => v.includes(this.sentinel));
    if (text.includes(this.sentinel) || inHeaders) {
      const at = text.indexOf(this.sentinel);
      this.failures.push(
        `${where}: shows B's sentinel${at >= 0 ? ` …${text.slice(Math.max(0, at - 150), at + 50)}…` : ""}`,
      );
    }
    return res;
  }
}

const status = (want?: number) => (res: Response) =>
  want === undefined || res.status === want ? null : `expected ${want}`;
const toLogin = (res: Response) =>
  res.status === 303 && (res.headers.get("location") ?? "").startsWith("/login?next=") ? null : "expected /login";

async function sweep(app: TestApp, b: Org, sentinel: string): Promise<{ failures: string[]; requests: number }> {
  const a = await makeA(app, b.world);
  const s = new Sweep(sentinel);
  let baseline = await stateOf(b);
  const bIds = idsOf(baseline, b);
  const reported = new Set<string>();
  const checkB = async (after: string) => {
    const now = await stateOf(b);
    const diff = stateDiff(baseline, now);
    if (diff) {
      s.failures.push(`after ${after}: B changed: ${diff}`);
      baseline = now;
    }
    for (const ref of await crossReferences(bIds, b.world.orgId)) {
      if (!reported.has(ref)) s.failures.push(`after ${after}: ${ref}`);
      reported.add(ref);
    }
  };
  const anonymous = app.client();

  for (const [file, coverage] of Object.entries(COVERAGE)) {
    if (coverage.scope !== "tenant") continue;
    const param = coverage.param;
    for (const [method, probes] of Object.entries(coverage.methods) as [Method, Probes][]) {
      const list = probes(a.world, b.world);
      for (const p of list) {
        const client = p.as === "admin" ? a.admin!.client : a.owner.client;
        if (param) {
          const bPath = routePath(file, a.world.slug, b.world.ids[param]);
          await s.send(client, `A with B's ${param}`, method, bPath, p, status(p.bStatus ?? 404));
          if (p.own === false) continue;
          const ownPath = routePath(file, a.world.slug, p.ownId ?? a.world.ids[param]);
          await s.send(client, `A with its own ${param}`, method, ownPath, p, status(p.status));
        } else {
          await s.send(client, "A", method, routePath(file, a.world.slug), p, status(p.status));
        }
      }
      // B's own URL: A's session is no member there; without a session, log in first.
      const bUrl = routePath(file, b.world.slug, param && b.world.ids[param]);
      await s.send(a.owner.client, "A in B's org", method, bUrl, list[0], status(404));
      await s.send(anonymous, "no session", method, bUrl, list[0], toLogin);
    }
    await checkB(file);
  }

  const revoked = await withOrg(tenantOf(a.auth), async (q) => {
    const actor = actorOf(a.auth, "127.0.0.1");
    const key = await createApiKey(q, actor, { name: "Revoked", scope: "write", expires: "never" });
    await revokeApiKey(q, actor, key.id);
    return key.token;
  });
  for (const [file, coverage] of Object.entries(COVERAGE)) {
    if (coverage.scope !== "api") continue;
    const param = coverage.param;
    for (const [method, probes] of Object.entries(coverage.methods) as [Method, Probes][]) {
      const list = probes(a.world, b.world);
      // A key per route and method: the sweep stays under a key's rate limit.
      const token = await withOrg(
        tenantOf(a.auth),
        (q) => createApiKey(q, actorOf(a.auth, "127.0.0.1"), { name: "Sweep", scope: "write", expires: "never" }),
      );
      for (const p of list) {
        if (param) {
          const bPath = routePath(file, a.world.slug, b.world.ids[param]);
          await s.send(anonymous, `A's key with B's ${param}`, method, bPath, p, status(p.bStatus ?? 404), token.token);
          if (p.own === false) continue;
          const ownPath = routePath(file, a.world.slug, p.ownId ?? a.world.ids[param]);
          await s.send(anonymous, `A's key with its own ${param}`, method, ownPath, p, status(p.status), token.token);
        } else {
          await s.send(anonymous, "A's key", method, routePath(file, a.world.slug), p, status(p.status), token.token);
        }
      }
      const path = routePath(file, a.world.slug, param && a.world.ids[param]);
      await s.send(anonymous, "no key", method, path, list[0], status(401));
      await s.send(anonymous, "a revoked key", method, path, list[0], status(401), revoked);
      await s.send(a.owner.client, "A's session, no key", method, path, list[0], status(401));
    }
    await checkB(file);
  }

  // Routes outside /app/[org] that take part: the user's own pages, A's public web form, B's invitation.
  const client = a.owner.client;
  for (const path of ["/app", "/account", "/account/email", "/account/password"]) {
    await s.send(client, "A's user", "GET", path, {}, status(200));
  }
  await s.send(client, "A's user", "POST", "/app", { form: { name: "Taken", slug: b.world.slug } }, status(422));
  const webLead = { name: "Web Lead", email: "web@lead.example", company_name: b.world.companyName.toLowerCase() };
  await s.send(anonymous, "web form", "POST", `/f/${a.world.slug}`, { form: webLead }, status(303));
  const captured = await withOrg(
    { orgId: a.world.orgId },
    (q) => q.selectFrom("leads").select("id").where("name", "=", "Web Lead").execute(),
  );
  if (captured.length !== 1) s.failures.push(`web form: A has ${captured.length} leads from it, expected 1`);
  const invite = `/invite/${a.world.slug}/${encodeURIComponent(b.inviteToken)}`;
  await s.send(client, "B's invitation under A's slug", "GET", invite, {}, status(404));
  await s.send(client, "B's invitation under A's slug", "POST", invite, { form: {} }, status(404));
  await checkB("the routes outside /app/[org]");
  return { failures: s.failures, requests: s.requests };
}

/** B's owner sees the sentinel where A's probes look: a probe that cannot see B's data would prove nothing. */
async function controls(app: TestApp, b: Org, sentinel: string) {
  const { slug, ids, stage } = b.world;
  const base = `/app/${slug}`;
  const paths = [
    "/app",
    base,
    `${base}/search?q=sentinel`,
    `${base}/search?q=${encodeURIComponent(b.world.contactEmail)}`,
    `${base}/companies?q=${b.world.words}`,
    `${base}/companies/${ids.company}`,
    `${base}/companies/${ids.company}/edit`,
    `${base}/companies/deleted`,
    `${base}/contacts`,
    `${base}/contacts/new`,
    `${base}/contacts/${ids.contact}`,
    `${base}/contacts/deleted`,
    `${base}/leads?status=all`,
    `${base}/leads/${ids.lead}`,
    `${base}/leads/${ids.lead}/convert`,
    `${base}/leads/deleted`,
    `${base}/deals`,
    `${base}/deals?pipeline=${ids.pipeline}`,
    `${base}/deals/column?stage=${stage}&after=-1000~00000000-0000-7000-8000-000000000000`,
    `${base}/deals/list?status=all`,
    `${base}/deals/new`,
    `${base}/deals/${ids.deal}`,
    `${base}/deals/${ids.deal}/edit`,
    `${base}/deals/deleted`,
    `${base}/customers`,
    `${base}/customers?kind=contacts`,
    `${base}/reports`,
    `${base}/reports/export?chart=pipeline`,
    `${base}/tasks?owner=&state=overdue`,
    `${base}/settings/audit`,
    `${base}/settings/jobs`,
    `${base}/settings/members`,
    `${base}/settings/members/${ids.member}`,
    `${base}/settings/pipelines`,
    `${base}/settings/pipelines/${ids.pipeline}`,
    `${base}/settings/transfer`,
    `${base}/settings/api-keys`,
    `${base}/settings/integrations`,
    `${base}/settings/integrations/webhooks/${ids.webhook}`,
    `${base}/settings/integrations/deliveries/${ids.delivery}`,
    `/invite/${slug}/${encodeURIComponent(b.inviteToken)}`,
  ];
  const api = apiClient(app, b.apiToken);
  for (const path of ["/companies?limit=100", `/companies/${ids.company}`, `/deals/${ids.deal}`, "/members"]) {
    const res = await api.get(path);
    assert.equal(res.status, 200, path);
    assert.ok(JSON.stringify(res.body).includes(sentinel), `B's key on ${path} shows the sentinel`);
  }
  for (const path of [...paths, `${base}/settings/data/exports/${ids.export}`]) {
    const res = await b.owner.client.fetch(path);
    const text = res.headers.get("content-type") === "application/zip"
      ? Object.values(await unzipText(res)).join("\n")
      : await res.text();
    assert.equal(res.status, 200, path);
    assert.ok(text.includes(sentinel), `B's own ${path} shows the sentinel`);
  }
}

/** RLS enabled and forced on every tenant table, every table with org_id a tenant table, the app role powerless. */
async function catalogue() {
  await asOwner(db(), async (owner) => {
    const { rows: tables } = await sql<{ name: string; rls: boolean; force: boolean; owner: string }>`
      SELECT c.relname AS name, c.relrowsecurity AS rls, c.relforcerowsecurity AS force,
        pg_get_userbyid(c.relowner) AS owner
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')`.execute(owner);
    const byName = new Map(tables.map((t) => [t.name, t]));
    for (const table of TENANT_TABLES) {
      const t = byName.get(table);
      assert.ok(t, `${table} exists`);
      assert.equal(t.rls, true, `${table}: row-level security enabled`);
      assert.equal(t.force, true, `${table}: row-level security forced`);
      assert.notEqual(t.owner, APP_ROLE, `${table}: not owned by ${APP_ROLE}`);
      const { rows: [member] } = await sql<{ is: boolean }>`
        SELECT pg_has_role(${APP_ROLE}, ${t.owner}, 'MEMBER') AS is`.execute(owner);
      assert.equal(member.is, false, `${APP_ROLE} cannot act as ${table}'s owner ${t.owner}`);
    }
    const { rows: withOrgId } = await sql<{ name: string }>`
      SELECT DISTINCT c.relname AS name
      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND a.attname = 'org_id' AND NOT a.attisdropped
        AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
      ORDER BY name`.execute(owner);
    assert.deepEqual(
      withOrgId.map((r) => r.name).filter((n) => !(TENANT_TABLES as readonly string[]).includes(n)),
      [],
      "every relation of public with an org_id column is in TENANT_TABLES",
    );
    const { rows: policies } = await sql<{ table: string; using: string; check: string }>`
      SELECT tablename AS table, qual AS using, with_check AS check FROM pg_policies
      WHERE schemaname = 'public' AND policyname = 'tenant_isolation'`.execute(owner);
    for (const table of TENANT_TABLES) {
      const policy = policies.find((p) => p.table === table);
      assert.ok(policy, `${table} has its tenant_isolation policy`);
      assert.match(policy.using, /app\.org_id/, `${table}: rows of the transaction's org`);
      assert.match(policy.check, /app\.org_id/, `${table}: writes into the transaction's org only`);
    }
    const { rows: [role] } = await sql<{ rolsuper: boolean; rolbypassrls: boolean }>`
      SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = ${APP_ROLE}`.execute(owner);
    assert.deepEqual(role, { rolsuper: false, rolbypassrls: false }, `${APP_ROLE} is no superuser and obeys RLS`);
  });
  const { rows: [me] } = await sql<{ current_user: string }>`SELECT current_user`.execute(db());
  assert.equal(me.current_user, APP_ROLE, "the app's queries run as the app role");
  for (const table of TENANT_TABLES) {
    assert.equal(await appRoleSees(table), 0, `${table}: no rows for the app role outside an org's transaction`);
  }
}

// ---------------------------------------------------------------------------------------------

const sampleWorld = (tag: string): World => {
  const id = `00000000-0000-7000-8000-00000000000${tag}`;
  const ids = Object.fromEntries(
    ([
      "company",
      "contact",
      "lead",
      "deal",
      "task",
      "pipeline",
      "member",
      "invitation",
      "job",
      "apikey",
      "webhook",
      "delivery",
      "rule",
      "run",
      "notification",
    ] satisfies Kind[])
      .map((k) => [k, id]),
  ) as Record<Kind, string>;
  return {
    slug: tag,
    orgId: id,
    orgName: tag,
    ids,
    stage: id,
    pipelineStage: id,
    memberEmail: `${tag}@example.test`,
    contactEmail: `${tag}@example.test`,
    companyName: tag,
    otherCompanyName: tag,
    companyDomain: `${tag}.example`,
    otherDeal: id,
    auditId: id,
    words: tag,
    spareLead: id,
  };
};

/** Routes outside /app/[org] that call the org guard themselves (the bell's poll, lighter than the workspace's middleware). */
const GUARDED_OUTSIDE_APP = ["./routes/notifications/count/[org].ts"];

Deno.test("isolation: the coverage table lists every route of the manifest and every method of each", () => {
  const files = Object.keys(manifest.routes);
  assert.deepEqual(files.filter((f) => !(f in COVERAGE)), [], "routes with no row in the coverage table");
  assert.deepEqual(Object.keys(COVERAGE).filter((f) => !(f in manifest.routes)), [], "rows for routes that are gone");
  const [a, b] = [sampleWorld("1"), sampleWorld("2")];
  for (const file of files) {
    const coverage = COVERAGE[file];
    const orgRoute = (file.startsWith("./routes/app/[org]/") && !/\/_(middleware|layout)\.tsx?$/.test(file)) ||
      GUARDED_OUTSIDE_APP.includes(file);
    assert.equal(coverage.scope === "tenant", orgRoute, `${file}: tenant-scoped exactly when under /app/[org]`);
    const apiRoute = "operations" in (manifest.routes[file].handler ?? {});
    assert.equal(coverage.scope === "api", apiRoute, `${file}: swept with keys exactly when an API operation`);
    if (coverage.scope !== "tenant" && coverage.scope !== "api") {
      assert.ok(coverage.reason.length > 10, `${file}: says why it is not tenant-scoped`);
      continue;
    }
    const methods = Object.keys(coverage.methods).sort();
    assert.deepEqual(methods, routeMethods(manifest.routes[file]).sort(), `${file}: a probe for each method`);
    const params = [...file.matchAll(/\[(\w+)\]/g)].map((m) => m[1]).filter((p) => p !== "org");
    assert.equal(params.length, coverage.param ? 1 : 0, `${file}: the kind of its id parameter`);
    for (const probes of Object.values(coverage.methods)) assert.ok(probes(a, b).length > 0, `${file}: probes`);
  }
});

Deno.test("isolation: org A reaches nothing of org B through any route, with row-level security and without", async (t) => {
  const dataDir = await Deno.makeTempDir();
  const app = await testApp({ DATA_DIR: dataDir });
  try {
    const sentinel = `SENTINEL-${crypto.randomUUID().slice(0, 8).toUpperCase()}`;
    const b = await makeB(app, sentinel);

    await t.step("B's own pages show its sentinel", () => controls(app, b, sentinel));
    await t.step(
      "catalogue: RLS on and forced on every tenant table; the app role owns none, bypasses none",
      catalogue,
    );

    await t.step("sweep with row-level security", async () => {
      assert.equal(await appRoleSees("companies"), 0, "RLS is on");
      const { failures, requests } = await sweep(app, b, sentinel);
      assert.deepEqual(failures, []);
      assert.ok(requests > 300, `${requests} requests`);
    });

    await t.step("sweep with row-level security off: the app's org filter alone", async () => {
      await disableRls();
      assert.ok(await appRoleSees("companies") > 0, "RLS is off: the app role sees every org's companies");
      const { failures } = await sweep(app, b, sentinel);
      assert.deepEqual(failures, []);
    });
  } finally {
    await app.close();
    await Deno.remove(dataDir, { recursive: true });
  }
});

Deno.test("isolation: the dev mailbox, open to anyone where mail is not sent, is closed in production", async () => {
  const app = await testApp({ DENO_ENV: "production" });
  try {
    await asPlatform((q) =>
      queueEmail(q, { to: "someone@b.example", subject: "Your invitation", text: "secret link" })
    );
    await drainJobs();
    const { id } = await services().db.selectFrom("emails").select("id").executeTakeFirstOrThrow();
    for (const path of ["/dev/mailbox", `/dev/mailbox/${id}`]) {
      const res = await app.fetch(path);
      assert.equal(res.status, 404, path);
      assert.doesNotMatch(await res.text(), /Your invitation|secret link/);
    }
  } finally {
    await app.close();
  }
});
