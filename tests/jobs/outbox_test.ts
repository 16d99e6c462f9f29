/**
 * The outbox: a job commits or rolls back with the change that enqueues it, is dispatched only once
 * committed, runs once; keys make enqueueing idempotent; payloads are checked on the way in and out;
 * row-level security keeps each org's jobs its own and platform jobs out of every org's reach.
 */
import assert from "node:assert/strict";
import { type Kysely, sql } from "kysely";
import { asPlatform, withOrg } from "@/lib/data/scope.ts";
import { services } from "@/lib/data/services.ts";
import { type Dispatched, useDispatcher } from "@/lib/jobs/dispatch.ts";
import { enqueue } from "@/lib/jobs/enqueue.ts";
import { startWorker } from "@/lib/jobs/worker.ts";
import { asOwner } from "../helpers/db_owner.ts";
import { testApp } from "../helpers/app.ts";
import { orgWithOwner } from "../helpers/accounts.ts";
import { allJobs, drainJobs } from "../helpers/jobs.ts";
import { runs } from "./kinds.ts";

const ranWith = (n: number) => runs.filter((r) => r.payload.n === n);

Deno.test("outbox: a committed job is dispatched after commit and runs once; a rolled-back one never exists", async () => {
  const app = await testApp();
  const dispatched: Dispatched[][] = [];
  useDispatcher({ dispatch: (jobs) => Promise.resolve(void dispatched.push(jobs)) });
  try {
    const { org } = await orgWithOwner(app);
    const id = await withOrg({ orgId: org.id }, async (q) => {
      const id = await enqueue(q, "test.record", { n: 1 });
      assert.equal(dispatched.length, 0, "not dispatched before the commit");
      return id;
    });
    assert.deepEqual(dispatched.map((d) => d.map((j) => j.id)), [[id]]);

    await assert.rejects(withOrg({ orgId: org.id }, async (q) => {
      await enqueue(q, "test.record", { n: 2 });
      throw new Error("the change fails after enqueueing");
    }));
    assert.equal(dispatched.length, 1, "a rolled-back job is not dispatched");

    assert.equal(await drainJobs(), 1);
    assert.equal(ranWith(1).length, 1);
    assert.deepEqual(ranWith(1)[0], { ...ranWith(1)[0], id, orgId: org.id, attempt: 1 });
    assert.equal(ranWith(2).length, 0);
    assert.equal(await drainJobs(), 0, "a done job does not run again");
    const [job] = await allJobs();
    assert.equal(job.status, "done");
    assert.equal((await allJobs()).length, 1);
  } finally {
    useDispatcher(null);
    await app.close();
  }
});

Deno.test("outbox: a key makes enqueueing idempotent, per org and among platform jobs", async () => {
  const app = await testApp();
  try {
    const a = await orgWithOwner(app, "Acme");
    const b = await orgWithOwner(app, "Beta");
    const first = await withOrg({ orgId: a.org.id }, (q) => enqueue(q, "test.record", { n: 10 }, { key: "k1" }));
    const again = await withOrg({ orgId: a.org.id }, (q) => enqueue(q, "test.record", { n: 11 }, { key: "k1" }));
    const other = await withOrg({ orgId: b.org.id }, (q) => enqueue(q, "test.record", { n: 12 }, { key: "k1" }));
    const platform = await asPlatform((q) => enqueue(q, "test.record", { n: 13 }, { key: "k1" }));
    const platformAgain = await asPlatform((q) => enqueue(q, "test.record", { n: 14 }, { key: "k1" }));
    assert.ok(first && other && platform);
    assert.equal(again, null);
    assert.equal(platformAgain, null);
    await drainJobs();
    assert.deepEqual([10, 11, 12, 13, 14].map((n) => ranWith(n).length), [1, 0, 1, 1, 0]);
  } finally {
    await app.close();
  }
});

Deno.test("outbox: payloads are checked by the kind's schema when enqueued and when run", async () => {
  const app = await testApp();
  try {
    const { org } = await orgWithOwner(app);
    await assert.rejects(withOrg({ orgId: org.id }, (q) => enqueue(q, "test.record", { n: "one" })), /expected number/);
    await assert.rejects(
      withOrg({ orgId: org.id }, (q) => enqueue(q, "test.unknown", {})),
      /no job kind test\.unknown/,
    );
    assert.equal((await allJobs()).length, 0);

    const id = await withOrg({ orgId: org.id }, (q) => enqueue(q, "test.record", { n: 20 }));
    await asOwner(
      services().db as unknown as Kysely<unknown>,
      (owner) => sql`UPDATE jobs SET payload = '{"n": "tampered"}' WHERE id = ${id}`.execute(owner),
    );
    await drainJobs();
    const [job] = await allJobs();
    assert.equal(job.status, "dead", "a payload its kind cannot read is not retried");
    assert.match(job.last_error ?? "", /invalid payload/);
    assert.equal(ranWith(20).length, 0);
  } finally {
    await app.close();
  }
});

Deno.test("outbox: row-level security shows an org its own jobs only, and platform jobs to no org", async () => {
  const app = await testApp();
  try {
    const a = await orgWithOwner(app, "Acme");
    const b = await orgWithOwner(app, "Beta");
    await withOrg({ orgId: a.org.id }, (q) => enqueue(q, "test.record", { n: 30 }));
    await withOrg({ orgId: b.org.id }, (q) => enqueue(q, "test.record", { n: 31 }));
    await asPlatform((q) => enqueue(q, "test.record", { n: 32 }));
    const seenBy = (orgId: string) =>
      withOrg(
        { orgId },
        async (q) => (await q.trx.selectFrom("jobs").select("payload").execute()).map((r) => r.payload),
      );
    assert.deepEqual(await seenBy(a.org.id), [{ n: 30 }]);
    assert.deepEqual(await seenBy(b.org.id), [{ n: 31 }]);
    const outside = await services().db.selectFrom("jobs").select("id").execute();
    assert.equal(outside.length, 0, "the app role outside any scope sees no job");
    const platform = await asPlatform((q) => q.trx.selectFrom("jobs").select("payload").execute());
    assert.deepEqual(platform.map((r) => r.payload), [{ n: 32 }]);
    // An org cannot write a job into another org, nor a platform job.
    await assert.rejects(
      withOrg(
        { orgId: a.org.id },
        (q) =>
          q.trx.insertInto("jobs").values({ org_id: b.org.id, kind: "test.record", payload: "{}", max_attempts: 1 })
            .execute(),
      ),
      /row-level security/,
    );
    await assert.rejects(
      withOrg(
        { orgId: a.org.id },
        (q) =>
          q.trx.insertInto("jobs").values({ org_id: null, kind: "test.record", payload: "{}", max_attempts: 1 })
            .execute(),
      ),
      /row-level security/,
    );
  } finally {
    await app.close();
  }
});

Deno.test("worker: woken after commit, a job runs within milliseconds; a runner that died leaves it to be claimed again", async () => {
  const app = await testApp();
  // Polling once a minute: anything that runs sooner was woken by the commit.
  const worker = startWorker({ pollMs: 60_000, recurringMs: 3_600_000 });
  try {
    const { org } = await orgWithOwner(app);
    const committed = performance.now();
    await withOrg({ orgId: org.id }, (q) => enqueue(q, "test.record", { n: 40 }));
    const deadline = Date.now() + 5_000;
    while (!ranWith(40).length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    assert.equal(ranWith(40).length, 1);
    assert.ok(
      ranWith(40)[0].at - committed < 1_000,
      `ran ${Math.round(ranWith(40)[0].at - committed)} ms after commit`,
    );

    await worker.stop();
    // A job claimed by a runner that died: its lease ran out, so it is due again and runs, as attempt 2.
    const id = await withOrg(
      { orgId: org.id },
      (q) => enqueue(q, "test.record", { n: 41 }, { runAt: new Date(Date.now() + 3_600_000) }),
    );
    await asOwner(
      services().db as unknown as Kysely<unknown>,
      (owner) =>
        sql`UPDATE jobs SET status = 'running', attempts = 1, run_at = now() - interval '1 second' WHERE id = ${id}`
          .execute(owner),
    );
    assert.equal(await drainJobs(), 1);
    assert.deepEqual(ranWith(41).map((r) => r.attempt), [2]);
  } finally {
    await worker.stop();
    await app.close();
  }
});
