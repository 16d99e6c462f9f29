/** The buttons of an endpoint's page (besides editing it), as one validated form: which, and its one choice. */
import * as z from "zod";
import type { OrgScope } from "../data/scope.ts";
import type { Actor } from "../tenancy/members.ts";
import { deleteEndpoint, getEndpoint } from "./endpoints.ts";
import { replayFailedSince } from "./log.ts";
import { queueTestEvent } from "./queue.ts";

export const REPLAY_WINDOWS = {
  "1": "the last hour",
  "24": "the last 24 hours",
  "168": "the last 7 days",
  "720": "the last 30 days",
} as const;

export const EndpointAction = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("test") }),
  z.object({ intent: z.literal("delete") }),
  z.object({
    intent: z.literal("replay_failed"),
    hours: z.enum(Object.keys(REPLAY_WINDOWS) as [keyof typeof REPLAY_WINDOWS], { message: "Choose a period" }),
  }),
], { message: "Unknown action" });
export type EndpointAction = z.infer<typeof EndpointAction>;

/** Runs the action; returns the notice to show. */
export async function runEndpointAction(
  q: OrgScope,
  actor: Actor,
  org: { id: string; name: string },
  endpointId: string,
  action: EndpointAction,
): Promise<string> {
  await getEndpoint(q, endpointId);
  switch (action.intent) {
    case "test":
      await queueTestEvent(q, endpointId, org);
      return "test";
    case "delete":
      await deleteEndpoint(q, actor, endpointId);
      return "deleted";
    case "replay_failed": {
      const since = new Date(Date.now() - Number(action.hours) * 3_600_000);
      return `replayed:${await replayFailedSince(q, actor, endpointId, since)}`;
    }
  }
}
