import { handleSweepCallback } from "@/lib/jobs/callbacks.ts";
import type { Handlers, RouteConfig } from "@/lib/fresh/types.ts";

/** A QStash schedule calls the sweep every minute; its signature, not the origin, authenticates it. */
export const config: RouteConfig = { csrf: false };

export const handler: Handlers = {
  POST: (req) => handleSweepCallback(req),
};
