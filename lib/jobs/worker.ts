/**
 * The embedded dispatcher's worker, run by the server process when QStash is not configured: a few
 * lanes claim and run due jobs, each waking at once when a job of this process commits and otherwise
 * polling (jobs committed by other processes on the same Postgres, retries coming due). Several
 * processes may run workers on one database: claims skip each other's rows, each job runs once.
 * A timer enqueues recurring work.
 */
import { wakeOnDispatch } from "./dispatch.ts";
import { enqueueRecurring } from "./recurring.ts";
import { runDueJobs } from "./run.ts";

export interface WorkerOptions {
  /** Claim loops running side by side: a slow job holds up only its own lane. */
  lanes?: number;
  /** Jobs claimed (and run concurrently) at a time by one lane. */
  batch?: number;
  /** How often an idle lane looks for due jobs it was not woken for. */
  pollMs?: number;
  /** How often recurring work is enqueued. */
  recurringMs?: number;
}

export interface Worker {
  /** Stops claiming, lets the jobs in hand finish. */
  stop(): Promise<void>;
}

export function startWorker(opts: WorkerOptions = {}): Worker {
  const { lanes = 4, batch = 25, pollMs = 1_000, recurringMs = 60_000 } = opts;
  let stopping = false;
  // Bumped by every wake: a lane that was claiming when a job committed looks again instead of sleeping.
  let wakes = 0;
  const sleepers = new Set<() => void>();
  const wake = () => {
    wakes++;
    for (const sleeper of sleepers) sleeper();
  };
  const sleep = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, pollMs);
      sleepers.add(done);
    });

  // While the database is unreachable every lane fails each poll: say so once, and once when it is back.
  let failing = false;
  const lane = async () => {
    while (!stopping) {
      const seen = wakes;
      let claimed = 0;
      try {
        claimed = await runDueJobs(batch);
        if (failing) console.log("jobs: the worker claims jobs again");
        failing = false;
      } catch (err) {
        if (!failing) console.error("jobs: the worker cannot claim jobs, and keeps trying:", err);
        failing = true;
      }
      if (claimed === 0 && seen === wakes && !stopping) await sleep();
    }
  };

  const enqueueDue = () =>
    enqueueRecurring().catch((err) => console.error("jobs: could not enqueue recurring work:", err));
  let ticking = enqueueDue();
  const timer = setInterval(() => ticking = enqueueDue(), recurringMs);

  const stopWaking = wakeOnDispatch(wake);
  const running = Array.from({ length: lanes }, lane);
  return {
    async stop() {
      stopping = true;
      stopWaking();
      clearInterval(timer);
      wake();
      await Promise.all([...running, ticking]);
    },
  };
}
