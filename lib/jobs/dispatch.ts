/**
 * Who hears of a job once its transaction has committed (or once it is rescheduled): by default the
 * embedded workers of this process, woken at once; with QStash, the QStash dispatcher (qstash.ts).
 */

export interface Dispatched {
  id: string;
  runAt: Date;
  /** Attempts made so far: QStash's deduplication id is the job id and this number. */
  attempts: number;
}

export interface Dispatcher {
  dispatch(jobs: Dispatched[]): Promise<void>;
}

const wakers = new Set<() => void>();

/** A worker of this process asks to be woken when a job is dispatched; returns the way to stop asking. */
export function wakeOnDispatch(wake: () => void): () => void {
  wakers.add(wake);
  return () => wakers.delete(wake);
}

const embedded: Dispatcher = {
  dispatch() {
    for (const wake of wakers) wake();
    return Promise.resolve();
  },
};

let current: Dispatcher = embedded;

/** Set at start-up: QStash's dispatcher, or null for the embedded one. */
export function useDispatcher(d: Dispatcher | null): void {
  current = d ?? embedded;
}

export function dispatcher(): Dispatcher {
  return current;
}
