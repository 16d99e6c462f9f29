/** The org's pipelines and their stages, as in the vocabulary. */
import { type Batch, batch } from "../batches.ts";
import { PIPELINES } from "../vocabulary.ts";
import { iso, type OrgContext } from "./context.ts";

export type PlannedPipeline = (typeof PIPELINES)[number] & { id: string; position: number; stageIds: string[] };

export function* planPipelines(ctx: OrgContext): Generator<Batch, PlannedPipeline[]> {
  const { rnd, orgId, created } = ctx;
  ctx.stream("pipelines");
  const pipelines = PIPELINES.map((p, position) => ({
    ...p,
    id: rnd.uuidV7(created + position),
    position,
    stageIds: p.stages.map((_, i) => rnd.uuidV7(created + 100 + position * 10 + i)),
  }));
  yield batch("pipelines", pipelines.map((p) => [p.id, orgId, p.name, p.position, iso(created)]));
  yield batch(
    "stages",
    pipelines.flatMap((p) =>
      p.stages.map((s, i) => [p.stageIds[i], orgId, p.id, s.name, i, s.probability, iso(created)])
    ),
  );
  return pipelines;
}
