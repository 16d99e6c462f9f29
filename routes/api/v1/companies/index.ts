import { API_CONFIG, apiHandlers } from "@/lib/api/handler.ts";
import { companyOps } from "@/lib/api/resources/companies.ts";

export const config = API_CONFIG;
export const handler = apiHandlers(companyOps.list, companyOps.create);
