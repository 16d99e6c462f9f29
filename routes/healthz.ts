import { checkHealth } from "@/lib/health.ts";
import type { Handlers } from "@/lib/fresh/types.ts";

export const handler: Handlers = {
  async GET() {
    const health = await checkHealth();
    return Response.json(health, { status: health.ok ? 200 : 503, headers: { "cache-control": "no-store" } });
  },
};
