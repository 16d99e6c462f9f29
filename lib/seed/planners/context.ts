/** What every table's planner of one organisation shares: its random streams, its id and its time span. */
import type { SeedTable } from "../batches.ts";
import type { Random } from "../random.ts";

export interface OrgContext {
  rnd: Random;
  orgId: string;
  slug: string;
  currency: string;
  /** When the org was created: a month before `start`. */
  created: number;
  /** When its data starts, two years before `now`. */
  start: number;
  now: number;
  /** Restarts `table`'s own random stream, so a change to one table's count leaves the others alone. */
  stream(table: SeedTable): void;
}

/** The context once members exist: `rep()` picks a sales rep, who owns most records. */
export interface StaffedOrg extends OrgContext {
  rep(): string;
}

/** A record some activity can be attached to: when it lived and who owns it. */
export interface Parent {
  id: string;
  from: number;
  to: number;
  owner: string | null;
}

export const iso = (ms: number) => new Date(ms).toISOString();
export const day = (ms: number) => iso(ms).slice(0, 10);
export const ascii = (s: string) => s.normalize("NFKD").toLowerCase().replace(/[^a-z0-9]+/g, "");
