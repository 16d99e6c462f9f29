/**
 * Activities on the records over their lifetime (deals most, then contacts, companies and leads);
 * tasks due in the future stay open, and a few past ones are overdue.
 */
import { type Batch, batched } from "../batches.ts";
import { DAY } from "../random.ts";
import { ACTIVITY_TYPES, BODIES, SUBJECTS } from "../vocabulary.ts";
import { iso, type Parent, type StaffedOrg } from "./context.ts";

export function* planActivities(
  ctx: StaffedOrg,
  count: number,
  records: { deals: Parent[]; contacts: Parent[]; companies: Parent[]; leads: Parent[] },
): Generator<Batch> {
  const { rnd, orgId, now } = ctx;
  ctx.stream("activities");
  const parents = [
    ["deal", records.deals, 55],
    ["contact", records.contacts, 25],
    ["company", records.companies, 10],
    ["lead", records.leads, 10],
  ] as const;
  const kinds = parents.filter(([, list]) => list.length).map(([type, list, w]) => [[type, list], w] as const);
  yield* batched("activities", kinds.length ? count : 0, () => {
    const [recordType, list] = rnd.weighted(kinds);
    const parent = list[rnd.int(list.length)];
    const type = rnd.weighted(ACTIVITY_TYPES);
    const created = rnd.moment(parent.from, parent.to);
    const owner = parent.owner ?? ctx.rep();
    let due: number | null = null;
    let done: number | null = created;
    if (type === "task" || type === "meeting") {
      due = rnd.workHours(created + (1 + rnd.int(14)) * DAY);
      done = due < now && rnd.chance(type === "task" ? 0.9 : 1) ? due : null;
    }
    return [
      rnd.uuidV7(created),
      orgId,
      owner,
      rnd.chance(0.9) ? owner : ctx.rep(),
      type,
      rnd.pick(SUBJECTS[type]),
      type === "note" || type === "meeting" ? rnd.pick(BODIES) : "",
      recordType,
      parent.id,
      due === null ? null : iso(due),
      done === null ? null : iso(done),
      iso(created),
      iso(done ?? created),
    ];
  });
}
