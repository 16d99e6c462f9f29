import { handleRunCallback } from "@/lib/jobs/callbacks.ts";
import type { Handlers, RouteConfig } from "@/lib/fresh/types.ts";

/** QStash delivers a due job here; its signature, not the origin, authenticates it. */
export const config: RouteConfig = { csrf: false };

export const handler: Handlers = {
  POST: (req) => handleRunCallback(req),
};
