/** Table types for Kysely. Each migration that adds a table adds its interface here. */

// deno-lint-ignore no-empty-interface
export interface DB {}
