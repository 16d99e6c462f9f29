/** Marks a deal won, lost (with a reason) or open again: JSON from the board island, or a form. */
import { dealActionHandlers } from "@/lib/deals/http.ts";
import { setOutcome } from "@/lib/deals/outcome.ts";
import { outcomeInput } from "@/lib/deals/schemas.ts";
import { orgPath } from "@/lib/http/paths.ts";

export const handler = dealActionHandlers(outcomeInput, (slug, id) => orgPath(slug, "deals", id), setOutcome);
