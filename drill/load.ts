/**
 * Load for the drills: `connections` loops, each sending one request after another until stopped, every answer
 * recorded with its time, so a drill can count errors by kind during an outage and find when service came back.
 */
export interface Sample {
  /** ms since the load started, when the answer (or failure) came. */
  at: number;
  ms: number;
  /** The status code, or the failure's name (a refused or reset connection, a timeout). */
  outcome: number | string;
}

export interface Load {
  samples: Sample[];
  started: number;
  stop(): Promise<void>;
}

export interface LoadOptions {
  connections: number;
  /** The request each loop sends next (loop index, iteration). */
  request: (loop: number, n: number) => Request;
  /** Called with each answered request (after the body was read), e.g. to count acknowledged writes. */
  answered?: (req: Request, res: Response, loop: number) => void;
  /** Pause between one loop's requests, to hold a rate below the maximum. */
  pauseMs?: number;
}

const TIMEOUT_MS = 15_000;

export function startLoad(opts: LoadOptions): Load {
  const samples: Sample[] = [];
  const started = performance.now();
  let running = true;
  const loop = async (i: number) => {
    for (let n = 0; running; n++) {
      const req = opts.request(i, n);
      const sent = performance.now();
      try {
        const res = await fetch(req, { signal: AbortSignal.timeout(TIMEOUT_MS), redirect: "manual" });
        await res.arrayBuffer();
        samples.push({ at: performance.now() - started, ms: performance.now() - sent, outcome: res.status });
        opts.answered?.(req, res, i);
      } catch (err) {
        const name = err instanceof Error ? (err.cause as Error)?.name ?? err.name : "error";
        samples.push({ at: performance.now() - started, ms: performance.now() - sent, outcome: name });
        await new Promise((r) => setTimeout(r, 20)); // a refused connection fails at once: do not spin
      }
      if (opts.pauseMs) await new Promise((r) => setTimeout(r, opts.pauseMs));
    }
  };
  const loops = Array.from({ length: opts.connections }, (_, i) => loop(i));
  return {
    samples,
    started,
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

const ok = (s: Sample) => typeof s.outcome === "number" && s.outcome < 400;

/** Answers other than success, by kind ("503", "TypeError", …). */
export function errorsByKind(samples: Sample[]): Record<string, number> {
  const kinds: Record<string, number> = {};
  for (const s of samples) if (!ok(s)) kinds[String(s.outcome)] = (kinds[String(s.outcome)] ?? 0) + 1;
  return kinds;
}

/** ms from `since` until answers were successes again (0 when nothing failed after it). */
export function recoveryMs(samples: Sample[], since: number): number {
  const lastFailure = samples.filter((s) => s.at >= since && !ok(s)).reduce((max, s) => Math.max(max, s.at), since);
  return Math.max(0, lastFailure - since);
}

export function p95(values: number[]): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))];
}
