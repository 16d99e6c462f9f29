/**
 * The QStash path end to end: the real `@upstash/qstash` client publishes to the local stand-in
 * (tests/fixtures/qstash_fake.ts), which calls the app back on a real port, signed; the app checks
 * each call with the real `Receiver`. Faults: redeliveries, forged and replayed signatures, a
 * delivery nobody answered, a process killed between commit and publish.
 */
import assert from "node:assert/strict";
import { type Kysely, sql } from "kysely";
import { type Database, openDatabase } from "@/db/client.ts";
import { parseConfig } from "@/lib/config/env.ts";
import { withOrg } from "@/lib/data/scope.ts";
import { services } from "@/lib/data/services.ts";
import { enqueue } from "@/lib/jobs/enqueue.ts";
import { registerSchedules } from "@/lib/jobs/qstash.ts";
import { asOwner } from "../helpers/db_owner.ts";
import { QStashFake, signDelivery, SIGNING_KEYS } from "../fixtures/qstash_fake.ts";
import { served, until } from "../helpers/qstash.ts";
import { testDatabase } from "../helpers/db.ts";
import { orgWithOwner } from "../helpers/accounts.ts";
import { allJobs } from "../helpers/jobs.ts";
import { flaky, runs } from "./kinds.ts";

const ranWith = (n: number) => runs.filter((r) => r.payload.n === n);

const asDbOwner = <T>(fn: (owner: Kysely<unknown>) => Promise<T>) =>
  asOwner(services().db as unknown as Kysely<unknown>, fn);

Deno.test("qstash: a committed job is published by the real client, delivered signed, and runs once however often it is delivered", async () => {
  const s = await served();
  try {
    const { org } = await orgWithOwner(s.app);
    const id = await withOrg({ orgId: org.id }, (q) => enqueue(q, "test.record", { n: 100 }));
    assert.equal(s.fake.published.length, 1, "published once the transaction committed");
    const [message] = s.fake.published;
    assert.equal(message.destination, `${s.origin}/api/jobs/run`);
    assert.deepEqual(JSON.parse(message.body), { id });
    assert.equal(message.deduplicationId, `${id}.0`);
    assert.equal(message.retries, 3);
    assert.equal(message.delaySeconds, 0);
    // QStash delivers at least once: here three times at once.
    await Promise.all([s.fake.redeliver(message.messageId), s.fake.redeliver(message.messageId)]);
    await s.fake.idle();
    assert.deepEqual(s.fake.deliveriesOf(message.messageId).map((d) => d.status), [200, 200, 200]);
    assert.equal(ranWith(100).length, 1, "one run");
    const [job] = (await allJobs()).filter((j) => j.id === id);
    assert.equal(job.status, "done");
    assert.ok(job.published_at);

    // The same signed request replayed later (within its expiry) finds the job done and runs nothing.
    const { request } = s.fake.deliveriesOf(message.messageId)[0];
    const replay = await fetch(`${s.origin}/api/jobs/run`, {
      method: "POST",
      headers: { "content-type": "application/json", "upstash-signature": request.signature },
      body: request.body,
    });
    assert.deepEqual(await replay.json(), { outcome: "skipped" });
    assert.equal(ranWith(100).length, 1);
  } finally {
    await s.close();
  }
});

Deno.test("qstash: runAt becomes the delay; a failed run is republished as a new message after its backoff", async () => {
  const s = await served();
  try {
    const { org } = await orgWithOwner(s.app);
    await withOrg(
      { orgId: org.id },
      (q) => enqueue(q, "test.record", { n: 101 }, { runAt: new Date(Date.now() + 2_000) }),
    );
    const [delayed] = s.fake.published;
    assert.equal(delayed.delaySeconds, 2);
    await s.fake.idle();
    const [delivery] = s.fake.deliveriesOf(delayed.messageId);
    assert.ok(delivery.at - delayed.publishedAt >= 1_900, "delivered when due");
    assert.equal(ranWith(101).length, 1);

    flaky.failing = true;
    const id = await withOrg({ orgId: org.id }, (q) => enqueue(q, "test.flaky", {}));
    await until("the retry's publish", () => s.fake.published.length === 3);
    // The retry is published while the app handles the delivery, so before the stand-in records its answer.
    await until("the answer to the failed run", () => s.fake.deliveriesOf(s.fake.published[1].messageId).length === 1);
    const retry = s.fake.published[2];
    assert.deepEqual(JSON.parse(retry.body), { id });
    assert.equal(retry.deduplicationId, `${id}.1`, "a new message for the next attempt");
    assert.ok(retry.delaySeconds >= 7 && retry.delaySeconds <= 16, `retry in ${retry.delaySeconds} s`);
    assert.equal(
      s.fake.deliveriesOf(s.fake.published[1].messageId)[0].status,
      200,
      "a failed run is no failed delivery",
    );
    const [job] = (await allJobs()).filter((j) => j.id === id);
    assert.equal(job.status, "failed");
    assert.equal(job.attempts, 1);
  } finally {
    await s.close();
  }
});

Deno.test("qstash: unsigned, forged and replayed callbacks are refused and run nothing", async () => {
  const s = await served();
  try {
    const { org } = await orgWithOwner(s.app);
    const id = await withOrg({ orgId: org.id }, (q) => enqueue(q, "test.record", { n: 102 }));
    await s.fake.idle();
    // A second job, not yet due: the one an attacker tries to run.
    const target = await withOrg(
      { orgId: org.id },
      (q) => enqueue(q, "test.record", { n: 103 }, { runAt: new Date(Date.now() + 3_600_000) }),
    );
    const url = `${s.origin}/api/jobs/run`;
    const body = JSON.stringify({ id: target });
    const post = async (signature: string | null, to = url, payload = body) => {
      const res = await fetch(to, {
        method: "POST",
        headers: { "content-type": "application/json", ...(signature ? { "upstash-signature": signature } : {}) },
        body: payload,
      });
      return { status: res.status, body: await res.json() };
    };
    const captured = s.fake.deliveries.find((d) => JSON.parse(d.request.body).id === id)!.request.signature;

    assert.equal((await post(null)).status, 401, "unsigned");
    assert.equal((await post(await signDelivery(url, body, { key: "sig_someone_else" }))).status, 403, "forged key");
    assert.equal((await post(captured)).status, 403, "a real signature replayed onto another body");
    assert.equal((await post(await signDelivery(url, body, { now: Date.now() - 600_000 }))).status, 403, "expired");
    const sweepUrl = `${s.origin}/api/jobs/sweep`;
    assert.equal((await post(await signDelivery(sweepUrl, body))).status, 403, "signed for another URL");
    assert.equal((await post("not.a.jwt")).status, 403, "garbage");
    assert.equal((await post(null, sweepUrl, "")).status, 401, "the sweep, unsigned");
    const [job] = (await allJobs()).filter((j) => j.id === target);
    assert.deepEqual([job.status, job.attempts], ["queued", 0], "nothing ran");
    assert.equal(ranWith(103).length, 0);

    // Signed with the next key (QStash rotating keys): accepted, and a job not yet due is left alone.
    assert.deepEqual(await post(await signDelivery(url, body, { key: SIGNING_KEYS.next })), {
      status: 200,
      body: { outcome: "skipped" },
    });
    await asDbOwner((owner) => sql`UPDATE jobs SET run_at = now() WHERE id = ${target}`.execute(owner));
    assert.deepEqual(await post(await signDelivery(url, body)), { status: 200, body: { outcome: "done" } });
    assert.equal(ranWith(103).length, 1);
  } finally {
    await s.close();
  }
});

Deno.test("qstash: a delivery the app did not answer is retried by QStash and runs once", async () => {
  const s = await served();
  try {
    const { org } = await orgWithOwner(s.app);
    s.fake.retryDelayMs = 400;
    await s.stop();
    await withOrg({ orgId: org.id }, (q) => enqueue(q, "test.record", { n: 104 }));
    const [message] = s.fake.published;
    await until("the first delivery to fail", () => s.fake.deliveriesOf(message.messageId).length === 1);
    s.start();
    await s.fake.idle();
    assert.deepEqual(s.fake.deliveriesOf(message.messageId).map((d) => d.status), [0, 200]);
    assert.equal(ranWith(104).length, 1);
  } finally {
    await s.close();
  }
});

/** A database that a child process uses first (PGlite: a data directory, then opened here; else a test database). */
async function sharedDatabase(child: (env: Record<string, string>) => Promise<void>): Promise<Database> {
  if (Deno.env.get("DATABASE_URL")) {
    const database = await testDatabase();
    await child({ DATABASE_URL: database.url! });
    return database;
  }
  const dir = await Deno.makeTempDir({ prefix: "nexacrm-jobs-" });
  await child({ DATA_DIR: dir });
  const database = await openDatabase({ pgliteDir: `${dir}/pglite`, migrate: true });
  return {
    ...database,
    async close() {
      await database.close();
      await Deno.remove(dir, { recursive: true });
    },
  };
}

Deno.test("qstash: a publish lost to a process killed between commit and publish is delivered by the sweep", async () => {
  const fake = QStashFake.start();
  let childStatus: Deno.CommandStatus | undefined;
  const database = await sharedDatabase(async (env) => {
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", new URL("./enqueue_then_die.ts", import.meta.url).pathname, "105"],
      env: { ...fake.env(), APP_URL: "http://127.0.0.1:9", ...env },
      stdout: "null",
      stderr: "inherit",
    });
    childStatus = await child.output();
  });
  assert.equal(childStatus?.signal, "SIGKILL", "the child was killed after its commit");
  const s = await served(database, fake);
  try {
    const [lost] = (await allJobs()).filter((j) => j.kind === "test.record");
    assert.deepEqual([lost.status, lost.published_at], ["queued", null], "committed, never published");
    assert.equal(s.fake.published.length, 0);

    const config = parseConfig({ ...s.fake.env(), APP_URL: s.origin });
    assert.deepEqual(await registerSchedules(config), [
      { scheduleId: "nexacrm-jobs-sweep", destination: `${s.origin}/api/jobs/sweep` },
    ]);
    assert.equal(s.fake.schedules.get("nexacrm-jobs-sweep")?.cron, "* * * * *");

    // Within its grace period the job may still be on its way: the sweep leaves it.
    s.fake.fireSchedules();
    await s.fake.idle();
    assert.equal(s.fake.published.filter((m) => JSON.parse(m.body).id === lost.id).length, 0);
    await asDbOwner((owner) =>
      sql`UPDATE jobs SET run_at = now() - interval '1 minute' WHERE id = ${lost.id}`.execute(owner)
    );
    s.fake.fireSchedules();
    await s.fake.idle();
    const republished = s.fake.published.filter((m) => JSON.parse(m.body).id === lost.id);
    assert.deepEqual(republished.map((m) => m.deduplicationId), [`${lost.id}.0`]);
    assert.deepEqual(ranWith(105).map((r) => r.id), [lost.id], "the sweep delivered it, once");
    s.fake.fireSchedules();
    await s.fake.idle();
    assert.equal(ranWith(105).length, 1);
    // Each sweep also enqueued the period's recurring work: one job for the period, however many sweeps.
    const prunes = (await allJobs()).filter((j) => j.kind === "jobs.prune");
    assert.equal(prunes.length, 1);
    assert.equal(prunes[0].status, "done");
  } finally {
    await s.close();
  }
});
