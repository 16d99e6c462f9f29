import { deleteHandler } from "@/lib/records/handlers.ts";

export const handler = { POST: deleteHandler("contact") };
