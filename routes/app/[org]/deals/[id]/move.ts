/** Moves a deal on the board: JSON `{stageId, afterId?, beforeId?}` from the island, or the card's form. */
import { dealActionHandlers } from "@/lib/deals/http.ts";
import { moveDeal } from "@/lib/deals/move.ts";
import { moveInput } from "@/lib/deals/schemas.ts";
import { orgPath } from "@/lib/http/paths.ts";

export const handler = dealActionHandlers(moveInput, (slug) => orgPath(slug, "deals"), moveDeal);
