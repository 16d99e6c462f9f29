/** What the rule editor offers to choose from: the org's stages, pipelines, members, teams and recent records. */
import type { OrgScope } from "../data/scope.ts";
import { type ActionField, actionTypes, type OptionSource } from "./actions/registry.ts";
import { CONDITION_LABELS, CONDITIONS_FOR, type ConditionType, TEXT_FIELDS } from "./conditions.ts";
import { MERGE_FIELDS } from "./templates.ts";
import { type RecordKind, TRIGGER_TYPES, TRIGGERS } from "./triggers.ts";

type Options = [string, string][];

export interface EditorOptions {
  triggers: Options;
  stages: Options;
  pipelines: Options;
  members: Options;
  teams: Options;
  /** Recent records to test a rule or preview a template against. */
  records: Record<RecordKind, Options>;
  conditionTypes: Record<RecordKind, Options>;
  textFields: Record<RecordKind, Options>;
  actions: Record<RecordKind, { type: string; label: string; fields: (ActionField & { choices?: Options })[] }[]>;
  mergeFields: Record<RecordKind, string[]>;
}

const RECENT = 50;

export async function editorOptions(q: OrgScope): Promise<EditorOptions> {
  const stages = await q.selectFrom("stages").innerJoin("pipelines", "pipelines.id", "stages.pipeline_id")
    .select(["stages.id", "stages.name", "pipelines.name as pipeline"])
    .orderBy("pipelines.position").orderBy("pipelines.id").orderBy("stages.position").execute();
  const pipelines = await q.selectFrom("pipelines").select(["id", "name"]).orderBy("position").orderBy("id").execute();
  const members = await q.selectFrom("memberships").innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.id", "users.name", "memberships.team"]).orderBy("users.name").execute();
  const deals = await q.selectFrom("deals").select(["id", "title"]).where("deleted_at", "is", null)
    .orderBy("id", "desc").limit(RECENT).execute();
  const leads = await q.selectFrom("leads").select(["id", "name"]).where("deleted_at", "is", null)
    .orderBy("id", "desc").limit(RECENT).execute();
  const endpoints = await q.selectFrom("webhook_endpoints").select(["id", "url", "description"]).orderBy("id")
    .execute();
  const teams = [...new Set(members.map((m) => m.team).filter((t): t is string => !!t))].sort();
  const sources: Record<OptionSource, Options> = {
    stages: stages.map((s) => [s.id, `${s.pipeline} · ${s.name}`]),
    members: members.map((m) => [m.id, m.name]),
    teams: teams.map((t) => [t, t]),
    endpoints: endpoints.map((e) => [e.id, e.description ? `${e.description} (${e.url})` : e.url]),
  };
  const kinds: RecordKind[] = ["deal", "lead"];
  const per = <T>(fn: (k: RecordKind) => T) =>
    Object.fromEntries(kinds.map((k) => [k, fn(k)])) as Record<RecordKind, T>;
  return {
    triggers: TRIGGER_TYPES.map((t) => [t, TRIGGERS[t].label]),
    ...sources,
    pipelines: pipelines.map((p) => [p.id, p.name]),
    records: { deal: deals.map((d) => [d.id, d.title]), lead: leads.map((l) => [l.id, l.name]) },
    conditionTypes: per((k) => CONDITIONS_FOR[k].map((t: ConditionType) => [t, CONDITION_LABELS[t]])),
    textFields: per((k) => TEXT_FIELDS[k].map((f) => [f, f])),
    actions: per((k) =>
      actionTypes(k).map((a) => ({
        type: a.type,
        label: a.label,
        fields: a.fields.map((f) => ({
          ...f,
          choices: [...(f.leading ?? []), ...(typeof f.options === "string" ? sources[f.options] : f.options ?? [])],
        })),
      }))
    ),
    mergeFields: MERGE_FIELDS,
  };
}
