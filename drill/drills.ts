/**
 * The drills. Each starts the production server on the drill's cluster, puts it under load (board reads, plus one
 * loop per deal moving it between two stages so acknowledged writes can be counted against stored rows), causes one
 * fault, and judges what it saw.
 */
import { percentiles } from "../bench/stats.ts";
import { type Server, startServer } from "../bench/server.ts";
import { startUpstashShim } from "../tests/fixtures/upstash_shim.ts";
import { freePort, startRedis } from "../tests/helpers/services.ts";
import { errorsByKind, type Load, recoveryMs, type Sample, startLoad } from "./load.ts";
import type { DrillEnv } from "./setup.ts";

export interface DrillResult {
  pass: boolean;
  lines: string[];
  failures: string[];
}

interface Drill {
  title: string;
  run(env: DrillEnv): Promise<DrillResult>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
/** Service must be back this soon after the database is (the promise). */
const RECOVERY_BUDGET_MS = 2_000;

/** Board reads and deal moves on `server`, with the moves' acknowledgements kept for `lostWrites`. */
function boardLoad(env: DrillEnv, server: Server, connections: number, pauseMs = 0) {
  const acked = new Map<string, { stage: string; later: Set<string> }>();
  const moveBody = new Map<Request, { deal: string; stage: string }>();
  const load = startLoad({
    connections,
    pauseMs,
    request: (loop, n) => {
      const deal = env.deals[loop];
      if (!deal) return new Request(`${server.url}/app/${env.org}/deals`, { headers: { cookie: env.cookie } });
      const stage = deal.stages[n % 2];
      acked.get(deal.id)?.later.add(stage);
      const req = new Request(`${server.url}/app/${env.org}/deals/${deal.id}/move`, {
        method: "POST",
        headers: { cookie: env.cookie, "content-type": "application/json", origin: server.url },
        body: JSON.stringify({ stageId: stage }),
      });
      moveBody.set(req, { deal: deal.id, stage });
      return req;
    },
    answered: (req, res) => {
      const move = moveBody.get(req);
      moveBody.delete(req);
      if (move && res.ok) acked.set(move.deal, { stage: move.stage, later: new Set() });
    },
  });
  /** Moves answered 2xx whose deal is stored in neither that stage nor one tried after it. */
  const lostWrites = async () => {
    const stored = await env.storedStages();
    let lost = 0;
    for (const [deal, { stage, later }] of acked) {
      const now = stored.get(deal);
      if (now !== stage && !later.has(now!)) lost++;
    }
    return { acknowledged: acked.size, lost };
  };
  return { load, lostWrites };
}

async function healthz(server: Server): Promise<{ status: number; body: Record<string, unknown> }> {
  try {
    const res = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(5_000) });
    return { status: res.status, body: await res.json() };
  } catch (err) {
    return { status: 0, body: { error: String(err) } };
  }
}

/** The shared judgement: the process lived, only 503s (never 500s), and no acknowledged write went missing. */
async function verdict(
  server: Server,
  load: Load,
  writes: { acknowledged: number; lost: number },
  extra: { lines?: string[]; failures?: string[] } = {},
): Promise<DrillResult> {
  const samples = load.samples;
  const kinds = errorsByKind(samples);
  const health = await healthz(server);
  const failures = [...(extra.failures ?? [])];
  if (health.status !== 200) failures.push(`/healthz answered ${health.status} at the end`);
  const fiveHundreds = Object.entries(kinds).filter(([k]) => /^5\d\d$/.test(k) && k !== "503");
  if (fiveHundreds.length) failures.push(`answers other than 503 among errors: ${JSON.stringify(kinds)}`);
  if (writes.lost) failures.push(`${writes.lost} acknowledged moves not stored`);
  const ok = samples.filter((s) => typeof s.outcome === "number" && s.outcome < 400);
  return {
    pass: !failures.length,
    failures,
    lines: [
      `requests: ${samples.length}, succeeded ${ok.length}; errors by kind: ${JSON.stringify(kinds)}`,
      `writes: ${writes.acknowledged} deals with an acknowledged move, ${writes.lost} lost`,
      `peak memory: ${mb(server.peakRss())}; p95 ${percentiles(ok.map((s) => s.ms)).p95.toFixed(0)} ms`,
      ...(extra.lines ?? []),
    ],
  };
}

async function server(env: DrillEnv, name: string, extraEnv: Record<string, string> = {}) {
  return await startServer({ ...env.serverEnv, ...extraEnv }, `${env.logDir}/${name}.log`);
}

/** Load, one database fault at `faultAt` ms, more load; recovery measured from the fault's end. */
async function databaseFault(env: DrillEnv, name: string, fault: () => Promise<void>, loadAfterMs: number) {
  const app = await server(env, name);
  try {
    const { load, lostWrites } = boardLoad(env, app, 10);
    await sleep(3_000);
    const faultStart = performance.now() - load.started;
    await fault();
    const faultEnd = performance.now() - load.started;
    await sleep(loadAfterMs);
    await load.stop();
    const recovery = recoveryMs(load.samples, faultEnd);
    const during = load.samples.filter((s: Sample) => s.at >= faultStart && s.at <= faultEnd);
    const failures = recovery > RECOVERY_BUDGET_MS ? [`recovered ${recovery.toFixed(0)} ms after the database`] : [];
    return await verdict(app, load, await lostWrites(), {
      failures,
      lines: [
        `fault lasted ${((faultEnd - faultStart) / 1000).toFixed(1)} s; answers meanwhile: ${
          JSON.stringify(errorsByKind(during))
        } failed of ${during.length}`,
        `recovery: ${recovery.toFixed(0)} ms after the database was back (budget ${RECOVERY_BUDGET_MS} ms)`,
      ],
    });
  } finally {
    await app.stop();
  }
}

export const DRILLS: Record<string, Drill> = {
  a: {
    title: "Postgres restarted (fast) under load",
    run: (env) => databaseFault(env, "a", () => env.cluster.restart(), 6_000),
  },
  b: {
    title: "Postgres stopped for 30 s under load",
    run: (env) =>
      databaseFault(env, "b", async () => {
        await env.cluster.stop();
        await sleep(30_000);
        await env.cluster.start();
      }, 6_000),
  },
  c: {
    title: "the app started while Postgres is down",
    async run(env) {
      await env.cluster.stop();
      const starting = server(env, "c");
      await sleep(5_000);
      await env.cluster.start();
      const back = performance.now();
      const app = await starting;
      const ready = performance.now() - back;
      try {
        const { load, lostWrites } = boardLoad(env, app, 4);
        await sleep(2_000);
        await load.stop();
        const failures = ready > RECOVERY_BUDGET_MS + 1_000 ? [`healthy ${ready.toFixed(0)} ms after Postgres`] : [];
        return await verdict(app, load, await lostWrites(), {
          failures,
          lines: [`waited for Postgres, then healthy ${ready.toFixed(0)} ms after it started`],
        });
      } finally {
        await app.stop();
      }
    },
  },
  d: {
    title: "Redis stopped while rate limits are in use",
    async run(env) {
      const port = freePort();
      let redis = await startRedis(port);
      const shim = await startUpstashShim(redis.url);
      const app = await server(env, "d", { UPSTASH_REDIS_REST_URL: shim.url, UPSTASH_REDIS_REST_TOKEN: shim.token });
      try {
        // Sign-in attempts (rate limited through Redis) beside the board's load.
        const logins = startLoad({
          connections: 2,
          pauseMs: 200, // each attempt hashes a password: keep the CPU for the board's load
          request: () =>
            new Request(`${app.url}/login`, {
              method: "POST",
              headers: { "content-type": "application/x-www-form-urlencoded", origin: app.url },
              body: "email=nobody%40example.com&password=wrong-password-123",
            }),
        });
        const { load, lostWrites } = boardLoad(env, app, 6);
        await sleep(3_000);
        await redis.close();
        const down = performance.now() - logins.started;
        await sleep(5_000);
        const health = await healthz(app);
        redis = await startRedis(port);
        const up = performance.now() - logins.started;
        await sleep(3_000);
        await Promise.all([load.stop(), logins.stop()]);
        const during = logins.samples.filter((s) => s.at >= down && s.at <= up);
        const failures: string[] = [];
        const kinds = errorsByKind(logins.samples);
        // A wrong password is a 401; a limited one a 429: both are answers. A 5xx or a dropped request is not.
        const unexpected = Object.keys(kinds).filter((k) => k !== "401" && k !== "429");
        if (unexpected.length) failures.push(`sign-in answered ${JSON.stringify(kinds)}`);
        const redisCheck = health.body.redis as { ok?: boolean } | undefined;
        if (health.status !== 200 || redisCheck?.ok !== false) {
          failures.push(`/healthz with Redis down: ${health.status} ${JSON.stringify(health.body)}`);
        }
        const slow = percentiles(during.map((s) => s.ms)).p95;
        const usual = percentiles(logins.samples.filter((s) => s.at < down).map((s) => s.ms)).p95;
        if (slow > usual + 1_000) {
          failures.push(`sign-in p95 ${slow.toFixed(0)} ms while Redis was down, ${usual.toFixed(0)} ms before`);
        }
        return await verdict(app, load, await lostWrites(), {
          failures,
          lines: [
            `sign-ins: ${logins.samples.length} answered (${JSON.stringify(kinds)} refused), ${during.length} while ` +
            `Redis was down, p95 ${slow.toFixed(0)} ms (${
              usual.toFixed(0)
            } ms before); /healthz meanwhile: ${health.status} redis ${JSON.stringify(redisCheck)}`,
          ],
        });
      } finally {
        await app.stop();
        await shim.close();
        await redis.close();
      }
    },
  },
  e: {
    title: "overload at 20× the sustainable concurrency for 30 s",
    async run(env) {
      const app = await server(env, "e");
      try {
        const { load, lostWrites } = boardLoad(env, app, 200);
        await sleep(30_000);
        await load.stop();
        const busy = load.samples.filter((s) => s.outcome === 503);
        const served = load.samples.filter((s) => s.outcome === 200);
        const busyP95 = percentiles(busy.map((s) => s.ms)).p95 || 0;
        const failures: string[] = [];
        // A shed request waits at most QUEUE_WAIT_MS (1 s) for a slot: its 503 must come about then, not later.
        if (busyP95 > 2_000) failures.push(`503s took ${busyP95.toFixed(0)} ms (p95)`);
        if (app.peakRss() > 768 * 2 ** 20) failures.push(`peak memory ${mb(app.peakRss())}`);
        const other = Object.keys(errorsByKind(load.samples)).filter((k) => k !== "503");
        if (other.length) failures.push(`failures other than 503: ${other.join(", ")}`);
        return await verdict(app, load, await lostWrites(), {
          failures,
          lines: [
            `served ${served.length} (p95 ${
              percentiles(served.map((s) => s.ms)).p95.toFixed(0)
            } ms), shed ${busy.length} ` +
            `with 503 (p95 ${busyP95.toFixed(0)} ms)`,
          ],
        });
      } finally {
        await app.stop();
      }
    },
  },
  f: {
    title: "SIGTERM during load",
    async run(env) {
      const app = await server(env, "f");
      const { load, lostWrites } = boardLoad(env, app, 10);
      await sleep(3_000);
      const signalled = performance.now();
      Deno.kill(app.pid, "SIGTERM");
      const exited = await Promise.race([app.status, sleep(15_000).then(() => null)]);
      const tookMs = performance.now() - signalled;
      await load.stop();
      await app.stop();
      const failures: string[] = [];
      if (!exited) failures.push("still running 15 s after SIGTERM");
      else if (exited.code !== 0) failures.push(`exited with code ${exited.code}`);
      const writes = await lostWrites();
      if (writes.lost) failures.push(`${writes.lost} acknowledged moves not stored`);
      const before = load.samples.filter((s) => s.at < signalled - load.started);
      const kinds = errorsByKind(before);
      if (Object.keys(kinds).length) failures.push(`errors before the signal: ${JSON.stringify(kinds)}`);
      return {
        pass: !failures.length,
        failures,
        lines: [
          `exited with code ${exited?.code ?? "-"} ${tookMs.toFixed(0)} ms after SIGTERM`,
          `requests: ${load.samples.length}; after the signal: ${JSON.stringify(errorsByKind(load.samples))}`,
          `writes: ${writes.acknowledged} deals with an acknowledged move, ${writes.lost} lost`,
        ],
      };
    },
  },
  g: {
    title: "10-minute soak at half the sustainable rate",
    async run(env) {
      const app = await server(env, "g");
      try {
        const probe = boardLoad(env, app, 10);
        await sleep(5_000);
        await probe.load.stop();
        const rate = probe.load.samples.length / 5;
        const typical = percentiles(probe.load.samples.map((s) => s.ms)).p50;
        // Ten loops together at half the measured rate.
        const pauseMs = Math.max(0, (10 * 1000) / (rate / 2) - typical);
        const { load, lostWrites } = boardLoad(env, app, 10, pauseMs);
        const memory: number[] = [];
        for (let minute = 0; minute < 10; minute++) {
          await sleep(60_000);
          memory.push(Number(Deno.readTextFileSync(`/proc/${app.pid}/statm`).split(" ")[1]) * 4096);
        }
        await load.stop();
        const minuteP95 = (m: number) =>
          percentiles(load.samples.filter((s) => s.at >= m * 60_000 && s.at < (m + 1) * 60_000).map((s) => s.ms)).p95;
        const [firstP95, lastP95] = [minuteP95(0), minuteP95(9)];
        const failures: string[] = [];
        if (memory[9] > memory[0] * 1.3 + 30 * 2 ** 20) {
          failures.push(`memory grew ${mb(memory[0])} → ${mb(memory[9])}`);
        }
        if (lastP95 > firstP95 * 1.5 + 20) failures.push(`p95 grew ${firstP95.toFixed(0)} → ${lastP95.toFixed(0)} ms`);
        return await verdict(app, load, await lostWrites(), {
          failures,
          lines: [
            `rate ${(load.samples.length / 600).toFixed(0)} req/s (measured maximum ${rate.toFixed(0)} req/s)`,
            `resident memory by minute: ${memory.map(mb).join(", ")}`,
            `p95 first minute ${firstP95.toFixed(0)} ms, last minute ${lastP95.toFixed(0)} ms`,
          ],
        });
      } finally {
        await app.stop();
      }
    },
  },
};
