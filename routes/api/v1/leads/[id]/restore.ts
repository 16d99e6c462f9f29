import { API_CONFIG, apiHandlers } from "@/lib/api/handler.ts";
import { leadOps } from "@/lib/api/resources/leads.ts";

export const config = API_CONFIG;
export const handler = apiHandlers(leadOps.restore);
