/** Any other path under /api/v1: a problem+json 404 rather than the site's HTML page. */
import { API_CONFIG } from "@/lib/api/handler.ts";
import { ApiProblem, problemResponse } from "@/lib/api/problem.ts";
import type { FreshContext } from "@/lib/fresh/types.ts";

export const config = API_CONFIG;
export const handler = (_req: Request, ctx: FreshContext) =>
  problemResponse(new ApiProblem("not-found", "No such API route: see /docs/api."), ctx.url.pathname);
