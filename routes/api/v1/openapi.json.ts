/** The API's OpenAPI 3.1 document: public (it describes, it holds no data). */
import { API_CONFIG } from "@/lib/api/handler.ts";
import { openApiDocument } from "@/lib/api/openapi.ts";
import type { Handlers } from "@/lib/fresh/types.ts";

export const config = API_CONFIG;
export const handler: Handlers = {
  GET() {
    return Response.json(openApiDocument(), { headers: { "cache-control": "public, max-age=300" } });
  },
};
