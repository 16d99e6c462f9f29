/**
 * The kinds of job this process can run: each feature defines its own (lib/jobs imports no feature),
 * with the zod schema its payload must match when enqueued and again when run.
 */
import type * as z from "zod";

export interface JobContext {
  id: string;
  /** Null for a platform job. */
  orgId: string | null;
  /** 1 on the first run. */
  attempt: number;
}

export interface JobDefinition<T = unknown> {
  kind: string;
  schema: z.ZodType<T>;
  /** Must be idempotent: every job runs at least once, and once more after a runner dies mid-run. */
  run(payload: T, job: JobContext): Promise<void>;
  maxAttempts: number;
  /** What admins read on the jobs page, e.g. "Email delivery". */
  label: string;
}

/** With the backoff of backoff.ts, ten attempts span one to two hours. */
export const DEFAULT_MAX_ATTEMPTS = 10;

const definitions = new Map<string, JobDefinition>();

export function defineJob<T>(
  kind: string,
  schema: z.ZodType<T>,
  run: (payload: T, job: JobContext) => Promise<void>,
  opts: { maxAttempts?: number; label?: string } = {},
): void {
  if (definitions.has(kind)) throw new Error(`job kind ${kind} is defined twice`);
  const maxAttempts = opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  definitions.set(kind, { kind, schema, run, maxAttempts, label: opts.label ?? kind } as JobDefinition);
}

export function jobDefinition(kind: string): JobDefinition | undefined {
  return definitions.get(kind);
}

/** Work enqueued once per period (as a platform job of `kind` with an empty payload). */
export interface Recurring {
  kind: string;
  everyMinutes: number;
}

const recurring: Recurring[] = [];

export function defineRecurring(r: Recurring): void {
  if (!definitions.has(r.kind)) throw new Error(`recurring work needs its job kind ${r.kind} defined first`);
  recurring.push(r);
}

export function recurringWork(): readonly Recurring[] {
  return recurring;
}
