import { API_CONFIG, apiHandlers } from "@/lib/api/handler.ts";
import { dealOps } from "@/lib/api/resources/deals.ts";

export const config = API_CONFIG;
export const handler = apiHandlers(dealOps.get, dealOps.update, dealOps.remove);
