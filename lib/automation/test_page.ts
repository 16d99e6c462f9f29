/** The "test a rule" page's data: the rule, records to choose from, and the test's result for the chosen one. */
import type { AuthContext } from "../auth/guard.ts";
import { notFound } from "../fresh/errors.ts";
import type { FieldErrors, FormValues } from "../http/forms.ts";
import { UUID } from "../records/fields.ts";
import { editorOptions } from "./editor.ts";
import { recordFacts } from "./facts.ts";
import { findRule } from "./rules_read.ts";
import { dryRun, type RuleTest, testRule } from "./test_mode.ts";
import { type RecordKind, TRIGGERS } from "./triggers.ts";

export interface RuleTestPage {
  name: string;
  record: RecordKind;
  records: [string, string][];
  values: FormValues;
  errors?: FieldErrors;
  result?: RuleTest;
}

/** `recordId` null: the page before a record is chosen. */
export async function ruleTestPage(auth: AuthContext, ruleId: string, recordId: string | null): Promise<RuleTestPage> {
  return await dryRun(auth.org.id, auth.user.id, async (q) => {
    const rule = await findRule(q, ruleId);
    if (!rule) throw notFound();
    const record = TRIGGERS[rule.trigger_type].record;
    const page: RuleTestPage = {
      name: rule.name,
      record,
      records: (await editorOptions(q)).records[record],
      values: { record: recordId && UUID.test(recordId) ? recordId : "" },
    };
    if (recordId === null) return page;
    if (!UUID.test(recordId) || !await recordFacts(q, record, recordId)) {
      return { ...page, errors: { record: `Choose a ${record} of this organisation` } };
    }
    return { ...page, result: await testRule(q, rule, recordId) };
  });
}
