import { API_CONFIG, apiHandlers } from "@/lib/api/handler.ts";
import { orgOps } from "@/lib/api/resources/org.ts";

export const config = API_CONFIG;
export const handler = apiHandlers(orgOps.me);
