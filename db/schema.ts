/** Table types for Kysely. Each migration that adds a table adds its interface here. */
import type { ColumnType, Generated } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Id = Generated<string>;
/** Derived by Postgres (tsvector); never written. */
type SearchVector = ColumnType<string, never, never>;

export type Role = "OWNER" | "ADMIN" | "MEMBER";
export type RecordType = "company" | "contact" | "lead" | "deal";

export interface UsersTable {
  id: Id;
  email: string;
  name: string;
  password_hash: string;
  email_verified_at: NullableTimestamp;
  created_at: CreatedAt;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  created_at: CreatedAt;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  ip: Generated<string>;
  user_agent: Generated<string>;
}

export interface UserTokensTable {
  token_hash: string;
  user_id: string;
  purpose: "verify_email" | "reset_password" | "change_email";
  payload: Generated<string>;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
}

export interface OrgsTable {
  id: Id;
  name: string;
  slug: string;
  currency: Generated<string>;
  visibility: Generated<"all" | "own">;
  rotting_days: Generated<number>;
  /** IANA time zone dates and times are entered and shown in ("UTC" by default). */
  time_zone: Generated<string>;
  created_at: CreatedAt;
}

export interface MembershipsTable {
  org_id: string;
  user_id: string;
  role: Role;
  team: string | null;
  created_at: CreatedAt;
}

export interface InvitationsTable {
  id: Id;
  org_id: string;
  email: string;
  role: Role;
  token_hash: string;
  invited_by: string | null;
  created_at: CreatedAt;
  expires_at: Timestamp;
  accepted_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

export interface AuditLogTable {
  id: Id;
  org_id: string;
  actor_id: string | null;
  action: string;
  target: Generated<string>;
  detail: ColumnType<Record<string, unknown>, string | undefined, string>;
  ip: Generated<string>;
  created_at: CreatedAt;
}

export interface AuthEventsTable {
  id: Id;
  user_id: string | null;
  email: string;
  action: string;
  ip: Generated<string>;
  user_agent: Generated<string>;
  created_at: CreatedAt;
}

export interface EmailsTable {
  id: Id;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string;
  /** Extra headers (List-Unsubscribe…), name → value. */
  headers: ColumnType<Record<string, string>, string | undefined, string>;
  provider_id: string | null;
  created_at: CreatedAt;
  sent_at: NullableTimestamp;
}

/** Bumped by a trigger on every update (0010_api): the record's ETag. */
type Version = ColumnType<number, never, never>;

interface Owned {
  id: Id;
  org_id: string;
  owner_id: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  deleted_at: NullableTimestamp;
  version: Version;
}

export interface CompaniesTable extends Owned {
  name: string;
  domain: string | null;
  industry: string | null;
  phone: string | null;
  city: string | null;
  search: SearchVector;
}

export interface ContactsTable extends Owned {
  company_id: string | null;
  first_name: string;
  last_name: Generated<string>;
  email: string | null;
  phone: string | null;
  title: string | null;
  search: SearchVector;
}

export interface LeadsTable extends Owned {
  name: string;
  email: string | null;
  phone: string | null;
  company_name: string | null;
  message: string | null;
  source: Generated<"manual" | "web_form" | "api" | "import">;
  status: Generated<"new" | "qualified" | "disqualified" | "converted">;
  disqualify_reason: string | null;
  converted_contact_id: string | null;
  converted_company_id: string | null;
  converted_deal_id: string | null;
  search: SearchVector;
}

export interface PipelinesTable {
  id: Id;
  org_id: string;
  name: string;
  position: Generated<number>;
  created_at: CreatedAt;
}

export interface StagesTable {
  id: Id;
  org_id: string;
  pipeline_id: string;
  name: string;
  position: number;
  probability: Generated<number>;
  created_at: CreatedAt;
}

export interface DealsTable extends Owned {
  pipeline_id: string;
  stage_id: string;
  company_id: string | null;
  contact_id: string | null;
  title: string;
  /** Integer minor units (cents) of `currency`. */
  value_minor: Generated<number>;
  currency: Generated<string>;
  /** ISO date `YYYY-MM-DD`. */
  expected_close_date: string | null;
  position: Generated<number>;
  stage_entered_at: Timestamp;
  status: Generated<"open" | "won" | "lost">;
  lost_reason: string | null;
  closed_at: NullableTimestamp;
  /** The furthest stage of its pipeline the deal has been in; null: the current one. Kept by a trigger. */
  furthest_stage_id: ColumnType<string | null, never, never>;
  search: SearchVector;
}

export interface ActivitiesTable {
  id: Id;
  org_id: string;
  owner_id: string | null;
  created_by: string | null;
  type: "call" | "email" | "meeting" | "task" | "note";
  subject: string;
  body: Generated<string>;
  record_type: RecordType;
  record_id: string;
  due_at: NullableTimestamp;
  done_at: NullableTimestamp;
  created_at: CreatedAt;
  updated_at: Timestamp;
  deleted_at: NullableTimestamp;
  version: Version;
}

export interface RecordEventsTable {
  id: Id;
  org_id: string;
  actor_id: string | null;
  record_type: RecordType;
  record_id: string;
  kind: string;
  detail: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: CreatedAt;
}

export interface AttachmentsTable {
  id: Id;
  org_id: string;
  record_type: RecordType;
  record_id: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  storage_key: string;
  uploaded_by: string | null;
  created_at: CreatedAt;
}

export interface OrgBillingTable {
  org_id: string;
  stripe_customer_id: string | null;
  stripe_subscription_id: string | null;
  stripe_item_id: string | null;
  subscription_created_at: NullableTimestamp;
  plan: "pro" | "business" | null;
  /** Stripe's subscription status, as last read. */
  status: string | null;
  seats: Generated<number>;
  current_period_end: NullableTimestamp;
  cancel_at_period_end: Generated<boolean>;
  cancel_at: NullableTimestamp;
  dunning_since: NullableTimestamp;
  updated_at: Generated<Date>;
}

/** What a company's or contact's won and open deals add up to; kept by a trigger on deals. */
export interface CustomerTotalsTable {
  org_id: string;
  kind: "company" | "contact";
  record_id: string;
  won_deals: number;
  won_minor: number;
  open_deals: number;
  open_minor: number;
}

/** A counter every committed change to an org's reported data raises (0009_reports): cache keys carry it. */
export interface OrgDataVersionsTable {
  org_id: string;
  version: number;
}

/** Open deals per pipeline, stage, owner, currency and expected close month; kept by a trigger on deals. */
export interface OpenDealTotalsTable {
  org_id: string;
  pipeline_id: string;
  stage_id: string;
  owner_id: string | null;
  currency: string;
  /** First day of the expected close month (ISO date), null when the deals have none. */
  expected_month: string | null;
  deals: number;
  value_minor: number;
}

/** Activities per day in the org's time zone, owner and kind (tasks on the day done); kept by a trigger. */
export interface ActivityDaysTable {
  org_id: string;
  /** ISO date. */
  day: string;
  owner_id: string | null;
  kind: ActivitiesTable["type"];
  n: number;
}

export interface BillingEventsTable {
  id: string;
  type: string;
  created_at: Date;
  received_at: CreatedAt;
}

export type JobStatus = "queued" | "running" | "done" | "failed" | "dead";

export interface JobsTable {
  id: Id;
  /** Null for a platform job (not any org's). */
  org_id: string | null;
  kind: string;
  /** Written as JSON text, read as the parsed value. */
  payload: ColumnType<unknown, string, string>;
  key: string | null;
  status: Generated<JobStatus>;
  attempts: Generated<number>;
  max_attempts: number;
  run_at: Generated<Date>;
  last_error: string | null;
  published_at: NullableTimestamp;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
  finished_at: NullableTimestamp;
}

export type ApiScope = "read" | "write";

export type WebhookDeliveryStatus = "pending" | "succeeded" | "failed";

export interface WebhookEndpointsTable {
  id: Id;
  org_id: string;
  url: string;
  description: Generated<string>;
  event_types: Generated<string[]>;
  enabled: Generated<boolean>;
  disabled_reason: string | null;
  secret: string;
  previous_secret: string | null;
  previous_secret_until: NullableTimestamp;
  failing_since: NullableTimestamp;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface WebhookDeliveriesTable {
  id: Id;
  org_id: string;
  endpoint_id: string;
  event_type: string;
  body: string;
  status: Generated<WebhookDeliveryStatus>;
  attempts: Generated<number>;
  next_attempt_at: NullableTimestamp;
  created_at: CreatedAt;
}

export interface WebhookAttemptsTable {
  id: Id;
  org_id: string;
  delivery_id: string;
  attempt: number;
  request_headers: ColumnType<Record<string, string>, string, string>;
  response_status: number | null;
  response_body: Generated<string>;
  error: string | null;
  duration_ms: number;
  next_attempt_at: NullableTimestamp;
  created_at: CreatedAt;
}

export interface SlackConnectionsTable {
  org_id: string;
  webhook_url: string;
  channel_label: Generated<string>;
  created_at: CreatedAt;
}

export interface ApiKeysTable {
  id: Id;
  org_id: string;
  user_id: string;
  name: string;
  prefix: string;
  token_hash: string;
  scope: ApiScope;
  expires_at: NullableTimestamp;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
  created_at: CreatedAt;
}

export interface ApiIdempotencyTable {
  org_id: string;
  idempotency_key: string;
  key_id: string | null;
  request_hash: string;
  status: number | null;
  headers: ColumnType<Record<string, string>, string | undefined, string>;
  body: string | null;
  created_at: CreatedAt;
  expires_at: Timestamp;
}

export interface ApiUsageTable {
  org_id: string;
  /** First day of the month, `YYYY-MM-01`. */
  month: string;
  /** bigint: a string through `pg`, a number through PGlite. */
  calls: ColumnType<string | number, number | undefined, number>;
}

export interface AutomationRulesTable {
  id: Id;
  org_id: string;
  name: string;
  trigger_type: string;
  trigger: ColumnType<Record<string, unknown>, string | undefined, string>;
  match: "all" | "any";
  conditions: ColumnType<unknown[], string | undefined, string>;
  actions: ColumnType<unknown[], string | undefined, string>;
  active: Generated<boolean>;
  state: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export type AutomationRunStatus = "running" | "succeeded" | "failed" | "not_matched" | "cut";

export interface AutomationRunsTable {
  id: Id;
  org_id: string;
  rule_id: string;
  event_id: string;
  event_label: string;
  record_type: string;
  record_id: string;
  chain: ColumnType<{ rule_id: string; record_id: string }[], string | undefined, string>;
  conditions: ColumnType<{ label: string; held: boolean }[], string | undefined, string>;
  status: AutomationRunStatus;
  note: string | null;
  created_at: CreatedAt;
  finished_at: NullableTimestamp;
}

export interface AutomationActionResultsTable {
  org_id: string;
  run_id: string;
  position: number;
  type: string;
  status: "pending" | "succeeded" | "failed";
  summary: string | null;
  error: string | null;
  duration_ms: number | null;
  attempts: Generated<number>;
  updated_at: Timestamp;
}

export interface DB {
  users: UsersTable;
  sessions: SessionsTable;
  user_tokens: UserTokensTable;
  orgs: OrgsTable;
  memberships: MembershipsTable;
  invitations: InvitationsTable;
  audit_log: AuditLogTable;
  auth_events: AuthEventsTable;
  emails: EmailsTable;
  companies: CompaniesTable;
  contacts: ContactsTable;
  leads: LeadsTable;
  pipelines: PipelinesTable;
  stages: StagesTable;
  deals: DealsTable;
  activities: ActivitiesTable;
  record_events: RecordEventsTable;
  attachments: AttachmentsTable;
  org_billing: OrgBillingTable;
  customer_totals: CustomerTotalsTable;
  org_data_versions: OrgDataVersionsTable;
  open_deal_totals: OpenDealTotalsTable;
  activity_days: ActivityDaysTable;
  billing_events: BillingEventsTable;
  jobs: JobsTable;
  api_keys: ApiKeysTable;
  api_idempotency: ApiIdempotencyTable;
  api_usage: ApiUsageTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
  slack_connections: SlackConnectionsTable;
  automation_rules: AutomationRulesTable;
  automation_runs: AutomationRunsTable;
  automation_action_results: AutomationActionResultsTable;
  notifications: NotificationsTable;
  notification_preferences: NotificationPreferencesTable;
  notification_digests: NotificationDigestsTable;
  notification_secret: NotificationSecretTable;
  exports: ExportsTable;
}

export interface NotificationsTable {
  id: Id;
  org_id: string;
  recipient_id: string;
  type: string;
  actor_id: string | null;
  title: string;
  /** A path in the app (the record), or null. */
  link: string | null;
  /** Unique per recipient: the same key again inserts nothing (job retries). */
  dedupe_key: string;
  read_at: NullableTimestamp;
  created_at: CreatedAt;
}

export type NotificationChannel = "both" | "in_app" | "email" | "off";

export interface NotificationPreferencesTable {
  org_id: string;
  user_id: string;
  type: string;
  channel: NotificationChannel;
}

export interface NotificationDigestsTable {
  org_id: string;
  user_id: string;
  /** The day in the org's zone, YYYY-MM-DD. */
  day: ColumnType<string, string, string>;
}

export interface NotificationSecretTable {
  id: Generated<boolean>;
  secret: Generated<string>;
}

export type ExportStatus = "queued" | "running" | "done" | "failed";

export interface ExportsTable {
  id: Id;
  org_id: string;
  requested_by: string | null;
  status: Generated<ExportStatus>;
  /** Live records counted when the export was asked for. */
  records: number;
  size_bytes: number | null;
  error: string | null;
  created_at: CreatedAt;
  finished_at: NullableTimestamp;
}

/** Tables whose rows belong to one organisation: row-level security applies to each. */
export const TENANT_TABLES = [
  "memberships",
  "invitations",
  "audit_log",
  "companies",
  "contacts",
  "leads",
  "pipelines",
  "stages",
  "deals",
  "activities",
  "record_events",
  "attachments",
  "org_billing",
  "customer_totals",
  "jobs",
  "org_data_versions",
  "open_deal_totals",
  "activity_days",
  "api_keys",
  "api_idempotency",
  "api_usage",
  "webhook_endpoints",
  "webhook_deliveries",
  "webhook_attempts",
  "slack_connections",
  "automation_rules",
  "automation_runs",
  "automation_action_results",
  "notifications",
  "notification_preferences",
  "notification_digests",
  "exports",
] as const satisfies readonly (keyof DB)[];

export type TenantTable = typeof TENANT_TABLES[number];
