/**
 * Imported first by browser code that builds zod schemas (before any schema is built, as zod
 * decides then): pages forbid eval (CSP), so zod must not compile its parsers with `new Function`.
 */
import * as z from "zod";

z.config({ jitless: true });
