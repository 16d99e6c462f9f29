/**
 * Loop protection. The rules whose actions led to an event travel with it (in the evaluation job's
 * payload, and while an action runs, in async-local storage the event listener reads): a rule runs at
 * most MAX_DEPTH deep, and never twice for the same record in one chain.
 */
import { AsyncLocalStorage } from "node:async_hooks";

export const MAX_DEPTH = 3;

export interface ChainLink {
  rule_id: string;
  record_id: string;
}

const running = new AsyncLocalStorage<ChainLink[]>();

/** The chain of the action running now (empty for a person's change). */
export function currentChain(): ChainLink[] {
  return running.getStore() ?? [];
}

export function withChain<R>(chain: ChainLink[], fn: () => Promise<R>): Promise<R> {
  return running.run(chain, fn);
}

/** Why the rule must not run for this record in this chain, or null when it may. */
export function cutReason(chain: ChainLink[], ruleId: string, recordId: string): string | null {
  if (chain.some((l) => l.rule_id === ruleId && l.record_id === recordId)) {
    return "Chain cut: this rule already ran for this record earlier in the chain";
  }
  if (chain.length >= MAX_DEPTH) return `Chain cut: rules triggered by rules stop at a depth of ${MAX_DEPTH}`;
  return null;
}
