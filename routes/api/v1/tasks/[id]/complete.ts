import { API_CONFIG, apiHandlers } from "@/lib/api/handler.ts";
import { taskOps } from "@/lib/api/resources/activities.ts";

export const config = API_CONFIG;
export const handler = apiHandlers(taskOps.complete);
