/**
 * Time-based triggers, found by a recurring job (every 5 minutes): for each org with such active
 * rules, the deals (or tasks) that meet a rule now are each handed to an evaluation job of that rule.
 * The job key and the event id both name the occasion (the rule, the record and, for repeatable
 * occasions, the date it is about), so a deal fires once per occasion however often the scan runs.
 */
import { sql } from "kysely";
import { asAutomationScan, type OrgScope, withOrg } from "../data/scope.ts";
import { enqueue } from "../jobs/enqueue.ts";
import type { EventJob } from "./jobs.ts";
import { type Rule, ruleQuery } from "./rules_read.ts";
import { TIMED_TRIGGERS } from "./triggers.ts";

/** Records one rule may start per scan; the rest wait for the next scan. */
const PER_RULE = 500;
const DAY_MS = 86_400_000;

/** A UUID (version 8, RFC variant) that is a function of `key`. */
export async function idFromKey(key: string): Promise<string> {
  const bytes = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(key))).slice(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x80;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

interface Occasion {
  dealId: string;
  /** What makes this occasion distinct from the deal's next one. */
  occasion: string;
  detail: Record<string, unknown>;
}

const openDeals = (q: OrgScope) =>
  q.selectFrom("deals").where("deals.status", "=", "open").where("deals.deleted_at", "is", null).limit(PER_RULE);

async function occasions(q: OrgScope, rule: Rule, now: Date): Promise<Occasion[]> {
  switch (rule.trigger_type) {
    case "deal.amount_reached": {
      const rows = await openDeals(q).select(["id", "value_minor"])
        .where("value_minor", ">=", Number(rule.trigger.amount)).execute();
      return rows.map((d) => ({ dealId: d.id, occasion: "reached", detail: { amount: d.value_minor } }));
    }
    case "deal.close_date_passed": {
      const rows = await openDeals(q).select(["id", "expected_close_date"])
        .where("expected_close_date", "<", now.toISOString().slice(0, 10)).execute();
      return rows.map((d) => ({
        dealId: d.id,
        occasion: String(d.expected_close_date),
        detail: { close_date: d.expected_close_date },
      }));
    }
    case "deal.idle": {
      const since = new Date(now.getTime() - Number(rule.trigger.days) * DAY_MS);
      const rows = await openDeals(q).select(["deals.id", "deals.updated_at"])
        .where("deals.updated_at", "<", since)
        .where(({ not, exists, selectFrom }) =>
          not(exists(
            selectFrom("activities").select(sql.lit(1).as("one"))
              .whereRef("activities.org_id", "=", "deals.org_id").where("activities.record_type", "=", "deal")
              .whereRef("activities.record_id", "=", "deals.id").where("activities.created_at", ">=", since),
          ))
        ).execute();
      return rows.map((d) => ({
        dealId: d.id,
        occasion: d.updated_at.toISOString(),
        detail: { idle_days: rule.trigger.days },
      }));
    }
    case "task.overdue": {
      const rows = await q.selectFrom("activities").select(["id", "record_id", "subject", "due_at"])
        .where("type", "=", "task").where("record_type", "=", "deal").where("done_at", "is", null)
        .where("deleted_at", "is", null).where("due_at", "<", now).limit(PER_RULE).execute();
      return rows.map((t) => ({
        dealId: t.record_id,
        occasion: `${t.id}:${t.due_at!.toISOString()}`,
        detail: { task_id: t.id, task: t.subject },
      }));
    }
    default:
      return [];
  }
}

async function scanOrg(orgId: string, now: Date): Promise<void> {
  await withOrg({ orgId }, async (q) => {
    const rules = await ruleQuery(q).where("active", "=", true).where("trigger_type", "in", TIMED_TRIGGERS).execute();
    for (const rule of rules) {
      for (const o of await occasions(q, rule, now)) {
        const key = `automation-timed:${rule.id}:${o.dealId}:${o.occasion}`;
        const job: EventJob = {
          event: {
            id: await idFromKey(key),
            trigger: rule.trigger_type,
            recordType: "deal",
            recordId: o.dealId,
            detail: o.detail,
          },
          chain: [],
          rule_id: rule.id,
        };
        await enqueue(q, "automation.event", job, { key });
      }
    }
  });
}

export async function scanTimedTriggers(): Promise<void> {
  const now = new Date();
  const orgs = await asAutomationScan((trx) =>
    trx.selectFrom("automation_rules").select("org_id").distinct().where("active", "=", true)
      .where("trigger_type", "in", TIMED_TRIGGERS).execute()
  );
  for (const { org_id } of orgs) await scanOrg(org_id, now);
}
