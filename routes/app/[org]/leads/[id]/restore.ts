import { restoreHandler } from "@/lib/records/handlers.ts";

export const handler = { POST: restoreHandler("lead") };
