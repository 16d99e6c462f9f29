import { API_CONFIG, apiHandlers } from "@/lib/api/handler.ts";
import { contactOps } from "@/lib/api/resources/contacts.ts";

export const config = API_CONFIG;
export const handler = apiHandlers(contactOps.get, contactOps.update, contactOps.remove);
